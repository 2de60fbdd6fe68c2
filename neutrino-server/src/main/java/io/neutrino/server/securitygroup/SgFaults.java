package io.neutrino.server.securitygroup;

import io.neutrino.lib.fault.NeutronException;

/** The faults of neutron/extensions/securitygroup.py and neutron_lib port_security, as worded there. */
final class SgFaults {
  private SgFaults() {}

  static NeutronException badRequest(String type, String message) {
    return new NeutronException(type, 400, message);
  }

  static NeutronException conflict(String type, String message) {
    return new NeutronException(type, 409, message);
  }

  static NeutronException groupNotFound(String id) {
    return new NeutronException("SecurityGroupNotFound", 404, "Security group " + id + " does not exist");
  }

  static NeutronException ruleNotFound(String id) {
    return new NeutronException("SecurityGroupRuleNotFound", 404,
        "Security group rule " + id + " does not exist");
  }

  static NeutronException inUse(String id) {
    return conflict("SecurityGroupInUse", "Security Group " + id + " in use.");
  }

  static NeutronException defaultExists() {
    return conflict("SecurityGroupDefaultAlreadyExists", "Default security group already exists.");
  }

  static NeutronException portSecurityRequired() {
    return badRequest("PortSecurityAndIPRequiredForSecurityGroups", "Port security must be enabled "
        + "and port must have an IP address in order to use security groups.");
  }

  static NeutronException portHasSecurityGroup() {
    return conflict("PortSecurityPortHasSecurityGroup", "Port has security group associated. "
        + "Cannot disable port security or IP address until security group is removed.");
  }

  /** Python's %s of a JSON value. */
  static String py(Object v) {
    if (v == null) {
      return "None";
    }
    if (v instanceof Boolean b) {
      return b ? "True" : "False";
    }
    return String.valueOf(v);
  }
}
