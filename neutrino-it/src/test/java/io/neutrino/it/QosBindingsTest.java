package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * qos_policy_id on networks and ports (service plugin qos with ML2's qos extension driver):
 * binding, the project's default
 * policy, policies in use, driver support checks, and a server whose mechanism drivers bring no
 * QoS driver (no rule type is supported there, as in Neutron).
 */
class QosBindingsTest {
  static TestServer s;
  static TestServer bare;
  static final String[] P1 = {"X-Project-Id", "p1", "X-Roles", "reader,member"};
  static final String P = "/v2.0/qos/policies";

  @BeforeAll
  static void start() {
    s = TestServer.start(Map.of("DEFAULT", Map.of("service_plugins", "qos"),
        "ml2", Map.of("mechanism_drivers", "linuxbridge", "extension_drivers", "port_security,qos")));
    bare = TestServer.start(Map.of("DEFAULT", Map.of("service_plugins", "qos"),
        "ml2", Map.of("extension_drivers", "port_security,qos")));
  }

  @AfterAll
  static void stop() {
    s.close();
    bare.close();
  }

  static Map<String, Object> nullPolicy() {
    Map<String, Object> m = new java.util.HashMap<>();
    m.put("qos_policy_id", null);
    return m;
  }

  static String policy(TestServer srv, Map<String, Object> body) {
    var r = srv.post(P, Map.of("policy", body));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return (String) r.member("policy").get("id");
  }

  static String network(TestServer srv, Map<String, Object> body, String... headers) {
    var r = srv.post("/v2.0/networks", Map.of("network", body), headers);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return (String) r.member("network").get("id");
  }

  @Test
  void networkAndPortPolicies() {
    String pol = policy(s, Map.of("name", "net"));
    String net = network(s, Map.of("name", "q", "qos_policy_id", pol));
    assertThat(s.get("/v2.0/networks/" + net).member("network")).containsEntry("qos_policy_id", pol);
    var port = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net)));
    assertThat(port.member("port")).containsEntry("qos_policy_id", null)
        .containsEntry("qos_network_policy_id", pol);
    String portId = (String) port.member("port").get("id");
    var inUse = s.delete(P + "/" + pol);
    assertThat(inUse.status()).isEqualTo(409);
    assertThat(inUse.errorType()).isEqualTo("QosPolicyInUse");
    assertThat(inUse.raw().body()).contains("network " + net);
    String portPol = policy(s, Map.of("name", "port"));
    var up = s.put("/v2.0/ports/" + portId, Map.of("port", Map.of("qos_policy_id", portPol)));
    assertThat(up.status()).as(up.raw().body()).isEqualTo(200);
    assertThat(up.member("port")).containsEntry("qos_policy_id", portPol);
    assertThat(s.delete(P + "/" + portPol).raw().body()).contains("QosPolicyInUse", "port " + portId);
    assertThat(s.put("/v2.0/networks/" + net, Map.of("network", nullPolicy()))
        .member("network")).containsEntry("qos_policy_id", null);
    assertThat(s.delete(P + "/" + pol).status()).isEqualTo(204);
    assertThat(s.delete("/v2.0/ports/" + portId).status()).isEqualTo(204);
    assertThat(s.delete(P + "/" + portPol).status()).isEqualTo(204);
  }

  @Test
  void unknownPolicyChangesNothing() {
    int before = s.get("/v2.0/networks").list("networks").size();
    var r = s.post("/v2.0/networks", Map.of("network",
        Map.of("qos_policy_id", "a6f7c6c6-3c7e-4d33-9f8e-5f0b2a2e1a11")));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorType()).isEqualTo("QosPolicyNotFound");
    assertThat(s.get("/v2.0/networks").list("networks")).hasSize(before);
    assertThat(s.post("/v2.0/networks", Map.of("network", Map.of("qos_policy_id", "x"))).status())
        .isEqualTo(400);
  }

  @Test
  void projectDefaultPolicyOnNewNetworks() {
    String dflt = policy(s, Map.of("name", "dflt", "project_id", "pd", "is_default", true));
    String net = network(s, Map.of("name", "pd-net", "project_id", "pd"));
    assertThat(s.get("/v2.0/networks/" + net).member("network")).containsEntry("qos_policy_id", dflt);
    String other = policy(s, Map.of("name", "other", "project_id", "pd"));
    String chosen = network(s, Map.of("project_id", "pd", "qos_policy_id", other));
    assertThat(s.get("/v2.0/networks/" + chosen).member("network")).containsEntry("qos_policy_id", other);
  }

  @Test
  void policiesMustSuitTheDrivers() {
    String pol = policy(s, Map.of("name", "min"));
    assertThat(s.post(P + "/" + pol + "/minimum_bandwidth_rules",
        Map.of("minimum_bandwidth_rule", Map.of("min_kbps", 100))).status()).isEqualTo(201);
    String net = network(s, Map.of("name", "n"));
    var port = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net, "qos_policy_id", pol)));
    assertThat(port.status()).isEqualTo(409);
    assertThat(port.errorType()).isEqualTo("QosRuleNotSupported");
    var onNet = s.post("/v2.0/networks", Map.of("network", Map.of("qos_policy_id", pol)));
    assertThat(onNet.status()).isEqualTo(409);
    assertThat(onNet.errorType()).isEqualTo("QosRuleNotSupportedByNetwork");
    // a supported policy bound to a port refuses an unsupported rule added later
    String bw = policy(s, Map.of("name", "bw"));
    assertThat(s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net, "qos_policy_id", bw)))
        .status()).isEqualTo(201);
    var added = s.post(P + "/" + bw + "/minimum_bandwidth_rules",
        Map.of("minimum_bandwidth_rule", Map.of("min_kbps", 100)));
    assertThat(added.status()).isEqualTo(409);
    assertThat(added.errorType()).isEqualTo("QosRuleNotSupported");
    assertThat((List<?>) s.get(P + "/" + bw).member("policy").get("rules")).isEmpty();
    var direct = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net,
        "binding:vnic_type", "direct", "qos_policy_id", bw)));
    assertThat(s.post(P + "/" + bw + "/bandwidth_limit_rules",
        Map.of("bandwidth_limit_rule", Map.of("max_kbps", 100))).errorType())
        .as("linuxbridge serves no direct vNIC: " + direct.raw().body())
        .isEqualTo("QosRuleNotSupported");
  }

  @Test
  void replacingAnInaccessiblePolicyIsRefused() {
    String adminPol = policy(s, Map.of("name", "admin's"));
    String net = network(s, Map.of("name", "p1-net"), P1);
    var port = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net)), P1);
    String portId = (String) port.member("port").get("id");
    assertThat(s.put("/v2.0/ports/" + portId, Map.of("port", Map.of("qos_policy_id", adminPol))).status())
        .isEqualTo(200);
    var r = s.put("/v2.0/ports/" + portId, Map.of("port", nullPolicy()), P1);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.errorType()).isEqualTo("PolicyRemoveAuthorizationError");
    var hidden = s.post("/v2.0/networks", Map.of("network", Map.of("qos_policy_id", adminPol)), P1);
    assertThat(hidden.errorType()).isEqualTo("QosPolicyNotFound");
  }

  @Test
  void sharedPolicyInUseByOthersStaysShared() {
    String pol = policy(s, Map.of("name", "shared", "shared", true));
    network(s, Map.of("name", "uses-shared", "qos_policy_id", pol), P1);
    var r = s.put(P + "/" + pol, Map.of("policy", Map.of("shared", false)));
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.errorType()).isEqualTo("RbacPolicyInUse");
  }

  @Test
  void withoutQosDrivers() {
    assertThat(bare.get("/v2.0/qos/rule-types").list("rule_types")).isEmpty();
    assertThat(bare.get("/v2.0/qos/rule-types?all_rules=true").list("rule_types")).hasSize(5);
    assertThat(bare.get("/v2.0/qos/rule-types/bandwidth_limit").member("rule_type"))
        .containsEntry("drivers", List.of());
    String empty = policy(bare, Map.of("name", "empty"));
    network(bare, Map.of("qos_policy_id", empty));
    String pol = policy(bare, Map.of("name", "bw"));
    bare.post(P + "/" + pol + "/bandwidth_limit_rules", Map.of("bandwidth_limit_rule", Map.of("max_kbps", 1)));
    var r = bare.post("/v2.0/networks", Map.of("network", Map.of("qos_policy_id", pol)));
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.errorType()).isEqualTo("QosRuleNotSupportedByNetwork");
  }
}
