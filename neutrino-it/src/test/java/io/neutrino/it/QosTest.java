package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * QoS policies, their rules (sub-resources under /qos/policies/{id}), the rule aliases and the
 * rule types (service plugin qos with the linuxbridge and openvswitch QoS drivers), as Neutron
 * Zed answers them.
 */
class QosTest {
  static TestServer s;
  static final String[] USER = {"X-Project-Id", "p1", "X-Roles", "reader,member"};
  static final String P = "/v2.0/qos/policies";

  @BeforeAll
  static void start() {
    s = TestServer.start(Map.of("DEFAULT", Map.of("service_plugins", "qos"),
        "ml2", Map.of("mechanism_drivers", "linuxbridge,openvswitch",
            "extension_drivers", "port_security,qos")));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static String policy(Object... kv) {
    var r = s.post(P, Map.of("policy", map(kv)));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return (String) r.member("policy").get("id");
  }

  static TestServer.Reply rule(String policy, String collection, Object... kv) {
    String member = collection.substring(0, collection.length() - 1);
    return s.post(P + "/" + policy + "/" + collection, Map.of(member, map(kv)));
  }

  @Test
  void extensionsAndResources() {
    assertThat(s.get("/v2.0/extensions").list("extensions")).extracting(e -> e.get("alias"))
        .contains("qos", "qos-bw-limit-direction", "qos-default", "qos-rule-type-details",
            "qos-rule-type-filter", "qos-bw-minimum-ingress", "qos-rules-alias",
            "qos-port-network-policy", "qos-pps", "qos-pps-minimum", "qos-pps-minimum-rule-alias");
    assertThat(s.get("/v2.0/").list("resources")).extracting(r -> r.get("collection"))
        .contains("policies").doesNotContain("bandwidth_limit_rules");
  }

  @Test
  void policyLifecycle() {
    var r = s.post(P, Map.of("policy", map("name", "gold", "description", "d", "shared", true)));
    assertThat(r.status()).isEqualTo(201);
    var p = r.member("policy");
    assertThat(p).containsEntry("name", "gold").containsEntry("description", "d")
        .containsEntry("shared", true).containsEntry("is_default", false)
        .containsEntry("rules", List.of()).containsEntry("revision_number", 1)
        .containsKeys("id", "project_id", "tenant_id", "created_at", "updated_at", "tags");
    String id = (String) p.get("id");
    var up = s.put(P + "/" + id, Map.of("policy", map("name", "silver", "shared", false)));
    assertThat(up.status()).isEqualTo(200);
    assertThat(up.member("policy")).containsEntry("name", "silver").containsEntry("shared", false);
    assertThat(s.get(P + "?name=silver").list("policies")).extracting(x -> x.get("id")).contains(id);
    assertThat(s.put(P + "/" + id, Map.of("policy", map("rules", List.of()))).status()).isEqualTo(400);
    assertThat(s.delete(P + "/" + id).status()).isEqualTo(204);
    var gone = s.get(P + "/" + id);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.errorType()).isEqualTo("QosPolicyNotFound");
    assertThat(s.delete(P + "/" + id).errorType()).isEqualTo("QosPolicyNotFound");
  }

  @Test
  void onlyAdminsWritePoliciesAndUsersSeeTheirsAndShared() {
    assertThat(s.post(P, Map.of("policy", map("name", "x")), USER).status()).isEqualTo(403);
    String hidden = policy("name", "admin-only");
    String shared = policy("name", "for-all", "shared", true);
    String mine = policy("name", "p1's", "project_id", "p1");
    assertThat(s.get(P + "/" + hidden, USER).status()).isEqualTo(404);
    assertThat(s.get(P + "/" + shared, USER).status()).isEqualTo(200);
    assertThat(s.get(P, USER).list("policies")).extracting(x -> x.get("id"))
        .contains(shared, mine).doesNotContain(hidden);
    var denied = s.put(P + "/" + mine, Map.of("policy", map("name", "y")), USER);
    assertThat(denied.status()).isEqualTo(403);
    assertThat(s.put(P + "/" + hidden, Map.of("policy", map("name", "y")), USER).status()).isEqualTo(404);
    assertThat(s.post(P + "/" + hidden + "/bandwidth_limit_rules",
        Map.of("bandwidth_limit_rule", map("max_kbps", 1)), USER).status()).isEqualTo(403);
  }

  @Test
  void defaultPolicyIsOnePerProject() {
    String first = policy("name", "d1", "project_id", "pd", "is_default", true);
    assertThat(s.get(P + "/" + first).member("policy")).containsEntry("is_default", true);
    var second = s.post(P, Map.of("policy", map("name", "d2", "project_id", "pd", "is_default", true)));
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.errorType()).isEqualTo("QoSPolicyDefaultAlreadyExists");
    String other = policy("name", "d3", "project_id", "pd");
    assertThat(s.put(P + "/" + other, Map.of("policy", map("is_default", true))).errorType())
        .isEqualTo("QoSPolicyDefaultAlreadyExists");
    assertThat(s.get(P + "?is_default=true&project_id=pd").list("policies")).extracting(x -> x.get("id"))
        .containsExactly(first);
    assertThat(s.put(P + "/" + first, Map.of("policy", map("is_default", false))).status()).isEqualTo(200);
    assertThat(s.put(P + "/" + other, Map.of("policy", map("is_default", true))).member("policy"))
        .containsEntry("is_default", true);
  }

  @Test
  void bandwidthLimitRules() {
    String id = policy("name", "bw");
    var r = rule(id, "bandwidth_limit_rules", "max_kbps", 1000, "max_burst_kbps", 100);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    var created = r.member("bandwidth_limit_rule");
    assertThat(created).containsOnlyKeys("id", "max_kbps", "max_burst_kbps", "direction")
        .containsEntry("max_kbps", 1000).containsEntry("direction", "egress");
    String ruleId = (String) created.get("id");
    var shown = s.get(P + "/" + id).member("policy");
    assertThat(shown.get("revision_number")).isEqualTo(2);
    assertThat((List<?>) shown.get("rules")).singleElement().isEqualTo(map("id", ruleId,
        "qos_policy_id", id, "max_kbps", 1000, "max_burst_kbps", 100, "direction", "egress",
        "type", "bandwidth_limit"));
    var dup = rule(id, "bandwidth_limit_rules", "max_kbps", 5);
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.errorType()).isEqualTo("QoSRulesConflict");
    assertThat(rule(id, "bandwidth_limit_rules", "max_kbps", 5, "direction", "ingress").status())
        .isEqualTo(201);
    assertThat(rule(id, "bandwidth_limit_rules", "max_kbps", -1).status()).isEqualTo(400);
    assertThat(rule(id, "bandwidth_limit_rules", "max_kbps", "abc").status()).isEqualTo(400);
    assertThat(rule(id, "bandwidth_limit_rules", "max_kbps", 5, "direction", "up").status()).isEqualTo(400);
    assertThat(rule(id, "bandwidth_limit_rules", "max_burst_kbps", 5).status()).as("max_kbps required")
        .isEqualTo(400);
    String rp = P + "/" + id + "/bandwidth_limit_rules/" + ruleId;
    var up = s.put(rp, Map.of("bandwidth_limit_rule", map("max_kbps", 2000)));
    assertThat(up.status()).isEqualTo(200);
    assertThat(up.member("bandwidth_limit_rule")).containsEntry("max_kbps", 2000).containsEntry("max_burst_kbps", 100);
    var clash = s.put(rp, Map.of("bandwidth_limit_rule", map("direction", "ingress")));
    assertThat(clash.status()).isEqualTo(409);
    assertThat(clash.errorType()).isEqualTo("QoSRulesConflict");
    assertThat(s.get(P + "/" + id + "/bandwidth_limit_rules?direction=egress").list("bandwidth_limit_rules"))
        .extracting(x -> x.get("id")).containsExactly(ruleId);
    assertThat(s.get(rp).member("bandwidth_limit_rule")).containsEntry("max_kbps", 2000);
    assertThat(s.delete(rp).status()).isEqualTo(204);
    var gone = s.get(rp);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.errorType()).isEqualTo("QosRuleNotFound");
    assertThat(s.delete(rp).errorType()).isEqualTo("QosRuleNotFound");
    String missing = "/v2.0/qos/policies/a6f7c6c6-3c7e-4d33-9f8e-5f0b2a2e1a11/bandwidth_limit_rules";
    assertThat(s.post(missing, Map.of("bandwidth_limit_rule", map("max_kbps", 1))).errorType())
        .isEqualTo("QosPolicyNotFound");
    assertThat(s.get(missing).errorType()).isEqualTo("QosPolicyNotFound");
  }

  @Test
  void dscpAndMinimumRules() {
    String id = policy("name", "mix");
    assertThat(rule(id, "dscp_marking_rules", "dscp_mark", 13).status()).isEqualTo(400);
    assertThat(rule(id, "dscp_marking_rules", "dscp_mark", 14).status()).isEqualTo(201);
    var second = rule(id, "dscp_marking_rules", "dscp_mark", 16);
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.errorType()).isEqualTo("QoSRulesConflict");
    assertThat(rule(id, "bandwidth_limit_rules", "max_kbps", 1000).status()).isEqualTo(201);
    var above = rule(id, "minimum_bandwidth_rules", "min_kbps", 2000);
    assertThat(above.status()).isEqualTo(409);
    assertThat(above.errorType()).isEqualTo("QoSRuleParameterConflict");
    var min = rule(id, "minimum_bandwidth_rules", "min_kbps", 500, "direction", "ingress");
    assertThat(min.status()).as(min.raw().body()).isEqualTo(201);
    assertThat(min.member("minimum_bandwidth_rule")).containsEntry("direction", "ingress");
    var pps = rule(id, "minimum_packet_rate_rules", "min_kpps", 10, "direction", "any");
    assertThat(pps.status()).isEqualTo(201);
    var mixed = rule(id, "minimum_packet_rate_rules", "min_kpps", 10, "direction", "egress");
    assertThat(mixed.status()).isEqualTo(409);
    assertThat(mixed.errorType()).isEqualTo("QoSRuleParameterConflict");
    assertThat(rule(id, "packet_rate_limit_rules", "max_kpps", 100).status()).isEqualTo(201);
    assertThat((List<?>) s.get(P + "/" + id).member("policy").get("rules")).hasSize(5);
  }

  @Test
  void aliases() {
    String id = policy("name", "alias");
    String ruleId = (String) rule(id, "dscp_marking_rules", "dscp_mark", 8).member("dscp_marking_rule").get("id");
    String a = "/v2.0/qos/alias-dscp-marking-rules/" + ruleId;
    assertThat(s.get(a).member("alias_dscp_marking_rule")).containsEntry("dscp_mark", 8);
    var up = s.put(a, Map.of("alias_dscp_marking_rule", map("dscp_mark", 10)));
    assertThat(up.status()).isEqualTo(200);
    assertThat(s.get(P + "/" + id + "/dscp_marking_rules/" + ruleId).member("dscp_marking_rule"))
        .containsEntry("dscp_mark", 10);
    var wrongType = s.get("/v2.0/qos/alias-bandwidth-limit-rules/" + ruleId);
    assertThat(wrongType.status()).isEqualTo(404);
    assertThat(wrongType.errorType()).isEqualTo("QosRuleNotFound");
    assertThat(s.get(a, USER).status()).as("policy not visible to p1").isEqualTo(404);
    assertThat(s.delete(a).status()).isEqualTo(204);
    assertThat(s.get(a).errorType()).isEqualTo("QosRuleNotFound");
  }

  @Test
  void ruleTypes() {
    assertThat(s.get("/v2.0/qos/rule-types").list("rule_types")).extracting(t -> t.get("type"))
        .containsExactly("bandwidth_limit", "dscp_marking");
    assertThat(s.get("/v2.0/qos/rule-types?all_supported=true").list("rule_types"))
        .extracting(t -> t.get("type")).containsExactly("bandwidth_limit", "dscp_marking",
            "minimum_bandwidth", "packet_rate_limit", "minimum_packet_rate");
    assertThat(s.get("/v2.0/qos/rule-types?all_rules=true").list("rule_types")).hasSize(5);
    var details = s.get("/v2.0/qos/rule-types/dscp_marking").member("rule_type");
    assertThat(details).containsEntry("type", "dscp_marking");
    assertThat((List<?>) details.get("drivers")).hasSize(2).first().isEqualTo(map("name", "linuxbridge",
        "supported_parameters", List.of(map("parameter_name", "dscp_mark", "parameter_values",
            List.of(0, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40, 46, 48, 56),
            "parameter_type", "choices"))));
    var user = s.get("/v2.0/qos/rule-types/dscp_marking", USER);
    assertThat(user.status()).isEqualTo(403);
    assertThat(user.errorType()).isEqualTo("NotAuthorized");
    var bad = s.get("/v2.0/qos/rule-types/foo");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.errorType()).isEqualTo("ValueError");
  }
}
