package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Network MTUs as Neutron Zed computes them (_get_network_mtu and the type drivers' get_mtu):
 * global_physnet_mtu, physical_network_mtus for flat and vlan, path_mtu less the outer IP header
 * (overlay_ip_version) and the encapsulation (vxlan 30, gre 22, geneve max_header_size) for
 * tunnels, the smallest over a network's segments; and net-mtu-writable's requested MTUs.
 */
class NetworkMtuTest {

  static Map<String, Object> network(TestServer s, Map<String, Object> body) {
    var r = s.post("/v2.0/networks", Map.of("network", body));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.member("network");
  }

  static int mtu(TestServer s, Object... providerAttributes) {
    Map<String, Object> body = new HashMap<>();
    for (int i = 0; i + 1 < providerAttributes.length; i += 2) {
      body.put("provider:" + providerAttributes[i], providerAttributes[i + 1]);
    }
    return (Integer) network(s, body).get("mtu");
  }

  static void tooBig(TestServer.Reply r, int max) {
    assertThat(r.status()).as(r.raw().body()).isEqualTo(400);
    assertThat(r.errorType()).isEqualTo("InvalidInput");
    assertThat(r.raw().body()).contains("Requested MTU is too big, maximum is " + max);
  }

  @Test
  void eachTypeGetsItsMtuAndANetworkTheSmallestOfItsSegments() {
    try (TestServer s = TestServer.start(Map.of(
        "DEFAULT", Map.of("global_physnet_mtu", "9000"),
        "ml2", Map.of("tenant_network_types", "vxlan", "path_mtu", "1500",
            "physical_network_mtus", "physnet1:1400,physnet3:9500"),
        "ml2_type_vlan", Map.of("network_vlan_ranges", "physnet1,physnet2"),
        "ml2_type_vxlan", Map.of("vni_ranges", "100:199"),
        "ml2_type_gre", Map.of("tunnel_id_ranges", "1:9"),
        "ml2_type_geneve", Map.of("vni_ranges", "1:9", "max_header_size", "38")))) {
      assertThat(network(s, Map.of("name", "project"))).containsEntry("mtu", 1450); // 1500 - 20 - 30
      assertThat(mtu(s, "network_type", "gre")).isEqualTo(1458); // 1500 - 20 - 22
      assertThat(mtu(s, "network_type", "geneve")).isEqualTo(1442); // 1500 - 20 - 38
      assertThat(mtu(s, "network_type", "vlan", "physical_network", "physnet1", "segmentation_id", 5)).isEqualTo(1400);
      assertThat(mtu(s, "network_type", "vlan", "physical_network", "physnet2", "segmentation_id", 5)).isEqualTo(9000);
      // A physical network's own MTU never exceeds global_physnet_mtu.
      assertThat(mtu(s, "network_type", "flat", "physical_network", "physnet3")).isEqualTo(9000);
      assertThat(mtu(s, "network_type", "flat", "physical_network", "physnet4")).isEqualTo(9000);
      assertThat(mtu(s, "network_type", "local")).isEqualTo(9000);
      var multi = network(s, Map.of("segments", List.of(
          Map.of("provider:network_type", "vxlan", "provider:segmentation_id", 5000),
          Map.of("provider:network_type", "vlan", "provider:physical_network", "physnet1",
              "provider:segmentation_id", 7))));
      assertThat(multi).containsEntry("mtu", 1400);
      var extensions = s.get("/v2.0/extensions").list("extensions").stream().map(e -> e.get("alias")).toList();
      assertThat(extensions).contains("net-mtu", "net-mtu-writable");
    }
  }

  @Test
  void requestedMtusUpToTheLargestAllowed() {
    try (TestServer s = TestServer.start(Map.of(
        "ml2", Map.of("tenant_network_types", "vxlan"),
        "ml2_type_vlan", Map.of("network_vlan_ranges", "physnet2"),
        "ml2_type_vxlan", Map.of("vni_ranges", "100:199")))) {
      tooBig(s.post("/v2.0/networks", Map.of("network", Map.of("mtu", 1451))), 1450);
      tooBig(s.post("/v2.0/networks", Map.of("network", Map.of("mtu", 1501, "provider:network_type", "vlan",
          "provider:physical_network", "physnet2", "provider:segmentation_id", 6))), 1500);
      assertThat(s.get("/v2.0/networks").list("networks")).isEmpty();
      var negative = s.post("/v2.0/networks", Map.of("network", Map.of("mtu", -1)));
      assertThat(negative.status()).isEqualTo(400);
      // 0 asks for the largest allowed, on create as on update.
      assertThat(network(s, Map.of("mtu", 0))).containsEntry("mtu", 1450);
      String id = (String) network(s, Map.of("mtu", 1280)).get("id");
      assertThat(s.get("/v2.0/networks/" + id).member("network")).containsEntry("mtu", 1280);
      assertThat(s.put("/v2.0/networks/" + id, Map.of("network", Map.of("mtu", 1450))).member("network"))
          .containsEntry("mtu", 1450);
      tooBig(s.put("/v2.0/networks/" + id, Map.of("network", Map.of("mtu", 1451))), 1450);
      assertThat(s.put("/v2.0/networks/" + id, Map.of("network", Map.of("mtu", 1300))).member("network"))
          .containsEntry("mtu", 1300);
      assertThat(s.put("/v2.0/networks/" + id, Map.of("network", Map.of("mtu", 0))).member("network"))
          .containsEntry("mtu", 1450);
    }
  }

  @Test
  void ipv6OverlayAndPathMtuWithoutGlobalMtu() {
    try (TestServer s = TestServer.start(Map.of(
        "DEFAULT", Map.of("global_physnet_mtu", "0"),
        "ml2", Map.of("tenant_network_types", "vxlan", "path_mtu", "1400", "overlay_ip_version", "6",
            "physical_network_mtus", "physnet1:1300"),
        "ml2_type_vlan", Map.of("network_vlan_ranges", "physnet1"),
        "ml2_type_vxlan", Map.of("vni_ranges", "100:199")))) {
      assertThat(network(s, Map.of("name", "project"))).containsEntry("mtu", 1330); // 1400 - 40 - 30
      assertThat(mtu(s, "network_type", "gre", "segmentation_id", 5)).isEqualTo(1338); // 1400 - 40 - 22
      assertThat(mtu(s, "network_type", "vlan", "physical_network", "physnet1", "segmentation_id", 5)).isEqualTo(1300);
    }
  }
}
