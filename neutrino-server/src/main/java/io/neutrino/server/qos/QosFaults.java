package io.neutrino.server.qos;

import io.neutrino.lib.fault.NeutronException;

/** neutron_lib/exceptions/qos.py, worded as there, with the status of each family. */
final class QosFaults {
  private QosFaults() {}

  static NeutronException policyNotFound(String id) {
    return new NeutronException("QosPolicyNotFound", 404, "QoS policy " + id + " could not be found.");
  }

  static NeutronException ruleNotFound(String policyId, String ruleId) {
    return new NeutronException("QosRuleNotFound", 404,
        "QoS rule " + ruleId + " for policy " + policyId + " could not be found.");
  }

  static NeutronException defaultAlreadyExists(Object project) {
    return new NeutronException("QoSPolicyDefaultAlreadyExists", 409,
        "A default QoS policy exists for project " + project + ".");
  }

  static NeutronException policyInUse(String policyId, String objectType, Object objectId) {
    return new NeutronException("QosPolicyInUse", 409,
        "QoS Policy " + policyId + " is used by " + objectType + " " + objectId + ".");
  }

  static NeutronException ruleNotSupported(String ruleType, Object portId) {
    return new NeutronException("QosRuleNotSupported", 409,
        "Rule " + ruleType + " is not supported by port " + portId);
  }

  static NeutronException ruleNotSupportedByNetwork(String ruleType, Object networkId) {
    return new NeutronException("QosRuleNotSupportedByNetwork", 409,
        "Rule " + ruleType + " is not supported by network " + networkId);
  }

  static NeutronException parameterConflict(Object value, String policyId, String existingRule,
      Object existingValue) {
    return new NeutronException("QoSRuleParameterConflict", 409, "Unable to add the rule with value "
        + value + " to the policy " + policyId + " as the existing rule of type " + existingRule
        + " has value " + existingValue + ".");
  }

  static NeutronException rulesConflict(String newType, Object ruleId, String policyId) {
    return new NeutronException("QoSRulesConflict", 409, "Rule " + newType + " conflicts with rule "
        + ruleId + " which already exists in QoS Policy " + policyId + ".");
  }

  static NeutronException removeNotAuthorized(Object policyId) {
    return new NeutronException("PolicyRemoveAuthorizationError", 403,
        "Failed to remove provided policy " + policyId + " because you are not authorized.");
  }

  /** qos_plugin.reject_rule_update_for_bound_port (Python's NotImplementedError: 501). */
  static NeutronException placementBacked() {
    return new NeutronException("NotImplementedError", 501,
        "Cannot update QoS policies/rules backed by resources tracked in Placement");
  }
}
