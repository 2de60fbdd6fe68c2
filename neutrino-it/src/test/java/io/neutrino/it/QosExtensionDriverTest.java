package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ML2's qos extension driver ([ml2] extension_drivers = qos) with the qos service plugin: the
 * extensions listed (ExtensionDriversTest has each without the other), qos_policy_id validated on
 * ports, qos_network_policy_id and
 * the ports' resource_request (port-resource-request) from minimum bandwidth and packet rate
 * rules. The openvswitch QoS driver is loaded, since linuxbridge supports neither minimum rule.
 */
class QosExtensionDriverTest {
  static TestServer s;
  static String vlanNet;
  static final String[] P1 = {"X-Project-Id", "p1", "X-Roles", "reader,member"};
  static final String P = "/v2.0/qos/policies";
  static final List<String> DRIVER_ALIASES = List.of("qos-port-network-policy",
      "port-resource-request", "port-resource-request-groups");

  @BeforeAll
  static void start() {
    s = TestServer.start(Map.of("DEFAULT", Map.of("service_plugins", "qos"),
        "ml2", Map.of("mechanism_drivers", "openvswitch", "extension_drivers", "port_security,qos",
            "type_drivers", "local,flat,vlan,vxlan", "tenant_network_types", "vxlan"),
        "ml2_type_vlan", Map.of("network_vlan_ranges", "phys-net1:10:20"),
        "ml2_type_vxlan", Map.of("vni_ranges", "100:200")));
    var net = s.post("/v2.0/networks", Map.of("network", Map.of("name", "vlan",
        "provider:network_type", "vlan", "provider:physical_network", "phys-net1",
        "provider:segmentation_id", 11)));
    assertThat(net.status()).as(net.raw().body()).isEqualTo(201);
    vlanNet = (String) net.member("network").get("id");
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

  static List<Object> aliases(TestServer srv) {
    return srv.get("/v2.0/extensions").list("extensions").stream().map(e -> e.get("alias")).toList();
  }

  static String policy(Object... kv) {
    var r = s.post(P, Map.of("policy", map(kv)));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return (String) r.member("policy").get("id");
  }

  static String rule(String policy, String collection, Object... kv) {
    String member = collection.substring(0, collection.length() - 1);
    var r = s.post(P + "/" + policy + "/" + collection, Map.of(member, map(kv)));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return (String) r.member(member).get("id");
  }

  static Map<String, Object> port(String network, Object... kv) {
    Map<String, Object> body = map(kv);
    body.put("network_id", network);
    var r = s.post("/v2.0/ports", Map.of("port", body));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.member("port");
  }

  @Test
  void pluginAndDriverListEveryImplementedAlias() {
    List<Object> all = aliases(s);
    assertThat(all).containsAll(DRIVER_ALIASES).contains("qos", "qos-default", "qos-rules-alias",
        "qos-bw-minimum-ingress", "qos-rule-type-details", "qos-bw-limit-direction")
        .doesNotContain("qos-fip", "qos-gateway-ip");
    assertThat(all.stream().filter("qos"::equals)).hasSize(1);
    assertThat(s.get("/v2.0/extensions/qos").member("extension"))
        .containsEntry("name", "Quality of Service");
  }

  @Test
  void portPoliciesMustBeVisible() {
    String hidden = policy("name", "admin's");
    String net = (String) s.post("/v2.0/networks", Map.of("network", Map.of("name", "p1")), P1)
        .member("network").get("id");
    var create = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net, "qos_policy_id", hidden)), P1);
    assertThat(create.status()).isEqualTo(404);
    assertThat(create.errorType()).isEqualTo("QosPolicyNotFound");
    assertThat(create.body().toString()).contains("QoS policy " + hidden + " could not be found.");
    String portId = (String) s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net)), P1)
        .member("port").get("id");
    var update = s.put("/v2.0/ports/" + portId, Map.of("port", Map.of("qos_policy_id", hidden)), P1);
    assertThat(update.status()).isEqualTo(404);
    assertThat(update.errorType()).isEqualTo("QosPolicyNotFound");
    String shared = policy("name", "for all", "shared", true);
    var ok = s.put("/v2.0/ports/" + portId, Map.of("port", Map.of("qos_policy_id", shared)), P1);
    assertThat(ok.status()).as(ok.raw().body()).isEqualTo(200);
    assertThat(ok.member("port")).containsEntry("qos_policy_id", shared)
        .containsEntry("qos_network_policy_id", null).doesNotContainKey("resource_request");
    var inUse = s.delete(P + "/" + shared);
    assertThat(inUse.status()).isEqualTo(409);
    assertThat(inUse.errorType()).isEqualTo("QosPolicyInUse");
    assertThat(inUse.body().toString()).contains("QoS Policy " + shared + " is used by port " + portId + ".");
    var unknown = s.put("/v2.0/ports/" + portId, Map.of("port", Map.of("qos_policy_id", "not-a-uuid")), P1);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(s.delete("/v2.0/ports/" + portId, P1).status()).isEqualTo(204);
    assertThat(s.delete(P + "/" + shared).status()).as("the binding went with the port").isEqualTo(204);
  }

  @Test
  @SuppressWarnings("unchecked")
  void resourceRequestFromMinimumRules() {
    String pol = policy("name", "guaranteed");
    String bw = rule(pol, "minimum_bandwidth_rules", "min_kbps", 1000);
    String pps = rule(pol, "minimum_packet_rate_rules", "min_kpps", 10, "direction", "any");
    var port = port(vlanNet, "qos_policy_id", pol, "binding:vnic_type", "direct");
    String portId = (String) port.get("id");
    var request = (Map<String, Object>) port.get("resource_request");
    assertThat(request).as(port.toString()).containsOnlyKeys("request_groups", "same_subtree");
    var groups = (List<Map<String, Object>>) request.get("request_groups");
    assertThat(groups).hasSize(2);
    assertThat(groups.get(0)).containsEntry("required",
            List.of("CUSTOM_PHYSNET_PHYS_NET1", "CUSTOM_VNIC_TYPE_DIRECT"))
        .containsEntry("resources", Map.of("NET_BW_EGR_KILOBIT_PER_SEC", 1000));
    assertThat(groups.get(1)).containsEntry("required", List.of("CUSTOM_VNIC_TYPE_DIRECT"))
        .containsEntry("resources", Map.of("NET_PACKET_RATE_KILOPACKET_PER_SEC", 10));
    List<Object> ids = groups.stream().map(g -> g.get("id")).toList();
    assertThat(request.get("same_subtree")).isEqualTo(ids);
    assertThat(ids).doesNotHaveDuplicates().allSatisfy(id ->
        assertThat(UUID.fromString((String) id).version()).isEqualTo(5));
    assertThat(ids).doesNotContain(bw, pps, portId);
    // stable: the same groups when shown again, in a list too
    assertThat(s.get("/v2.0/ports/" + portId).member("port").get("resource_request")).isEqualTo(request);
    assertThat(s.get("/v2.0/ports?id=" + portId).list("ports").get(0).get("resource_request"))
        .isEqualTo(request);
    // an ingress minimum joins the bandwidth group, which then has a new id
    rule(pol, "minimum_bandwidth_rules", "min_kbps", 500, "direction", "ingress");
    var both = (Map<String, Object>) s.get("/v2.0/ports/" + portId).member("port").get("resource_request");
    var bwGroup = ((List<Map<String, Object>>) both.get("request_groups")).get(0);
    assertThat(bwGroup).containsEntry("resources",
        Map.of("NET_BW_EGR_KILOBIT_PER_SEC", 1000, "NET_BW_IGR_KILOBIT_PER_SEC", 500));
    assertThat(bwGroup.get("id")).isNotEqualTo(ids.get(0));
    // admin only (get_port:resource_request)
    assertThat(s.get("/v2.0/ports/" + portId, "X-Project-Id", "fake_project_id", "X-Roles", "member")
        .member("port")).doesNotContainKey("resource_request").containsEntry("qos_policy_id", pol);
  }

  @Test
  @SuppressWarnings("unchecked")
  void portsFollowTheirNetworksPolicy() {
    String pol = policy("name", "net-level");
    rule(pol, "minimum_packet_rate_rules", "min_kpps", 5, "direction", "egress");
    String net = (String) s.post("/v2.0/networks", Map.of("network", Map.of("name", "tunnel",
        "qos_policy_id", pol))).member("network").get("id");
    var port = port(net);
    assertThat(port).containsEntry("qos_policy_id", null).containsEntry("qos_network_policy_id", pol);
    var readOnly = s.put("/v2.0/ports/" + port.get("id"),
        Map.of("port", Map.of("qos_network_policy_id", pol)));
    assertThat(readOnly.status()).isEqualTo(400);
    assertThat(readOnly.body().toString()).contains("qos_network_policy_id");
    var groups = (List<Map<String, Object>>) ((Map<String, Object>) port.get("resource_request"))
        .get("request_groups");
    assertThat(groups).singleElement().satisfies(g -> assertThat(g)
        .containsEntry("required", List.of("CUSTOM_VNIC_TYPE_NORMAL"))
        .containsEntry("resources", Map.of("NET_PACKET_RATE_EGR_KILOPACKET_PER_SEC", 5)));
    // a tunnel network has no physnet: no minimum bandwidth there (openvswitch's QoS driver)
    String bw = policy("name", "bw");
    rule(bw, "minimum_bandwidth_rules", "min_kbps", 100);
    var refused = s.put("/v2.0/networks/" + net, Map.of("network", Map.of("qos_policy_id", bw)));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.errorType()).isEqualTo("QosRuleNotSupportedByNetwork");
    assertThat(s.get("/v2.0/networks/" + net).member("network")).containsEntry("qos_policy_id", pol);
    // no minimum rule, no request
    String plain = policy("name", "plain");
    rule(plain, "bandwidth_limit_rules", "max_kbps", 100);
    var limited = s.put("/v2.0/ports/" + port.get("id"), Map.of("port", Map.of("qos_policy_id", plain)));
    assertThat(limited.status()).as(limited.raw().body()).isEqualTo(200);
    assertThat(limited.member("port")).containsEntry("qos_policy_id", plain)
        .containsEntry("qos_network_policy_id", pol).containsEntry("resource_request", null);
  }
}
