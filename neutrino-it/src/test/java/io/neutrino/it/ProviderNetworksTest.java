package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Provider networks as ML2's type drivers check them in Neutron Zed (type_flat.py, type_vlan.py,
 * type_tunnel.py, type_local.py, TypeManager._process_provider_segment): the rules per type with
 * their messages, the 409s of ids and physical networks in use, ids given back on delete, the
 * external_network_type of router:external networks, provider attributes as admin-only, and the
 * one that may change: the vlan id of a network of one vlan segment.
 */
class ProviderNetworksTest {
  private static final String[] MEMBER = {"X-Project-Id", "p1", "X-Roles", "member"};
  static TestServer s;

  @BeforeAll
  static void start() {
    s = TestServer.start(Map.of(
        "ml2", Map.of("tenant_network_types", "vxlan", "external_network_type", "geneve"),
        "ml2_type_flat", Map.of("flat_networks", "public,extra"),
        "ml2_type_vlan", Map.of("network_vlan_ranges", "physnet1:10:19,physnet2"),
        "ml2_type_vxlan", Map.of("vni_ranges", "100:199"),
        "ml2_type_gre", Map.of("tunnel_id_ranges", "1:9"),
        "ml2_type_geneve", Map.of("vni_ranges", "1:9")));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static TestServer.Reply create(Object... providerAttributes) {
    Map<String, Object> body = new HashMap<>();
    for (int i = 0; i + 1 < providerAttributes.length; i += 2) {
      body.put("provider:" + providerAttributes[i], providerAttributes[i + 1]);
    }
    return s.post("/v2.0/networks", Map.of("network", body));
  }

  static Map<String, Object> created(Object... providerAttributes) {
    var r = create(providerAttributes);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.member("network");
  }

  static void invalid(TestServer.Reply r, String detail) {
    assertThat(r.status()).as(r.raw().body()).isEqualTo(400);
    assertThat(r.errorType()).isEqualTo("InvalidInput");
    assertThat(r.raw().body()).contains("Invalid input for operation: " + detail + ".");
  }

  static void inUse(TestServer.Reply r, String type) {
    assertThat(r.status()).as(r.raw().body()).isEqualTo(409);
    assertThat(r.errorType()).isEqualTo(type);
  }

  @Test
  void flatNeedsAConfiguredPhysnetOnceAndNoId() {
    var net = created("network_type", "flat", "physical_network", "public");
    assertThat(net).containsEntry("provider:network_type", "flat").containsEntry("provider:physical_network", "public")
        .containsEntry("provider:segmentation_id", null);
    inUse(create("network_type", "flat", "physical_network", "public"), "FlatNetworkInUse");
    invalid(create("network_type", "flat"), "physical_network required for flat provider network");
    invalid(create("network_type", "flat", "physical_network", "nosuch"),
        "physical_network 'nosuch' unknown for flat provider network");
    invalid(create("network_type", "flat", "physical_network", "extra", "segmentation_id", 5),
        "segmentation_id prohibited for flat provider network");
    // Deleting the network frees the physical network.
    assertThat(s.delete("/v2.0/networks/" + net.get("id")).status()).isEqualTo(204);
    assertThat(create("network_type", "flat", "physical_network", "public").status()).isEqualTo(201);
  }

  @Test
  void vlanIdsAreTagsOnAConfiguredPhysnetInsideTheRangesOrNot() {
    var inside = created("network_type", "vlan", "physical_network", "physnet1", "segmentation_id", 11);
    assertThat(inside).containsEntry("provider:segmentation_id", 11);
    inUse(create("network_type", "vlan", "physical_network", "physnet1", "segmentation_id", 11), "VlanIdInUse");
    var outside = created("network_type", "vlan", "physical_network", "physnet1", "segmentation_id", 300);
    inUse(create("network_type", "vlan", "physical_network", "physnet1", "segmentation_id", 300), "VlanIdInUse");
    // physnet2 is listed without a range: all of 1-4094 is its range (neutron-lib's parsing).
    assertThat(created("network_type", "vlan", "physical_network", "physnet2", "segmentation_id", 4094))
        .containsEntry("provider:segmentation_id", 4094);
    inUse(create("network_type", "vlan", "physical_network", "physnet2", "segmentation_id", 4094), "VlanIdInUse");
    assertThat((Integer) created("network_type", "vlan", "physical_network", "physnet2")
        .get("provider:segmentation_id")).isBetween(1, 4093);
    // Partial segments: the driver picks the id (and the physnet).
    var picked = created("network_type", "vlan", "physical_network", "physnet1");
    assertThat(picked).containsEntry("provider:physical_network", "physnet1");
    assertThat((Integer) picked.get("provider:segmentation_id")).isBetween(10, 19).isNotEqualTo(11);
    var any = created("network_type", "vlan");
    assertThat(any.get("provider:physical_network")).isIn("physnet1", "physnet2");
    assertThat(any.get("provider:segmentation_id")).isNotNull();
    for (int tag : List.of(0, 4095)) {
      invalid(create("network_type", "vlan", "physical_network", "physnet1", "segmentation_id", tag),
          "segmentation_id out of range (1 through 4094)");
    }
    invalid(create("network_type", "vlan", "physical_network", "physnet9", "segmentation_id", 12),
        "physical_network 'physnet9' unknown for VLAN provider network");
    invalid(create("network_type", "vlan", "segmentation_id", 12),
        "segmentation_id requires physical_network for VLAN provider network");
    // Ids go back on delete: one of the ranges to the pool, one outside it for good.
    assertThat(s.delete("/v2.0/networks/" + inside.get("id")).status()).isEqualTo(204);
    assertThat(s.delete("/v2.0/networks/" + outside.get("id")).status()).isEqualTo(204);
    assertThat(created("network_type", "vlan", "physical_network", "physnet1", "segmentation_id", 11))
        .containsEntry("provider:segmentation_id", 11);
    assertThat(created("network_type", "vlan", "physical_network", "physnet1", "segmentation_id", 300))
        .containsEntry("provider:segmentation_id", 300);
  }

  @Test
  void tunnelIdsAreInTheirTypesRangeWithoutPhysnet() {
    var vxlan = created("network_type", "vxlan", "segmentation_id", 5000);
    assertThat(vxlan).containsEntry("provider:physical_network", null).containsEntry("provider:segmentation_id", 5000);
    inUse(create("network_type", "vxlan", "segmentation_id", 5000), "TunnelIdInUse");
    assertThat(created("network_type", "vxlan", "segmentation_id", 16777215))
        .containsEntry("provider:segmentation_id", 16777215);
    invalid(create("network_type", "vxlan", "segmentation_id", 16777216),
        "segmentation_id out of range (1 through 16777215)");
    invalid(create("network_type", "geneve", "segmentation_id", 16777216),
        "segmentation_id out of range (1 through 16777215)");
    invalid(create("network_type", "vxlan", "segmentation_id", 0), "segmentation_id out of range (1 through 16777215)");
    invalid(create("network_type", "vxlan", "physical_network", "physnet1"),
        "provider:physical_network specified for vxlan network");
    invalid(create("network_type", "gre", "physical_network", "physnet1", "segmentation_id", 3),
        "provider:physical_network specified for gre network");
    var gre = created("network_type", "gre", "segmentation_id", 3);
    inUse(create("network_type", "gre", "segmentation_id", 3), "TunnelIdInUse");
    assertThat((Integer) created("network_type", "gre").get("provider:segmentation_id")).isBetween(1, 9);
    assertThat((Integer) created("network_type", "geneve").get("provider:segmentation_id")).isBetween(1, 9);
    assertThat((Integer) created("network_type", "vxlan").get("provider:segmentation_id")).isBetween(100, 199);
    assertThat(s.delete("/v2.0/networks/" + gre.get("id")).status()).isEqualTo(204);
    assertThat(created("network_type", "gre", "segmentation_id", 3)).containsEntry("provider:network_type", "gre");
  }

  @Test
  void localTypeAndTypeRules() {
    assertThat(created("network_type", "local")).containsEntry("provider:network_type", "local")
        .containsEntry("provider:physical_network", null).containsEntry("provider:segmentation_id", null);
    invalid(create("network_type", "local", "physical_network", "physnet1"),
        "physical_network prohibited for local provider network");
    invalid(create("network_type", "local", "segmentation_id", 3), "segmentation_id prohibited for local provider network");
    invalid(create("network_type", "nosuch"), "network_type value 'nosuch' not supported");
    // Provider attributes without a type are refused, an id alone as well (it is no VLAN).
    invalid(create("physical_network", "physnet1"), "network_type required");
    invalid(create("segmentation_id", 12), "network_type required");
  }

  @Test
  void externalNetworksWithoutProviderAttributesTakeTheExternalNetworkType() {
    var ext = s.post("/v2.0/networks", Map.of("network", Map.of("name", "ext", "router:external", true)));
    assertThat(ext.status()).as(ext.raw().body()).isEqualTo(201);
    assertThat(ext.member("network")).containsEntry("provider:network_type", "geneve")
        .containsEntry("provider:physical_network", null);
    assertThat((Integer) ext.member("network").get("provider:segmentation_id")).isBetween(1, 9);
    // Project networks keep the tenant type; provider attributes win over external_network_type.
    assertThat(s.post("/v2.0/networks", Map.of("network", Map.of("name", "p"))).member("network"))
        .containsEntry("provider:network_type", "vxlan");
    var given = s.post("/v2.0/networks", Map.of("network", Map.of("router:external", true,
        "provider:network_type", "flat", "provider:physical_network", "extra")));
    assertThat(given.member("network")).containsEntry("provider:network_type", "flat");
  }

  @Test
  void theVlanIdOfANetworkOfOneVlanSegmentMayChange() {
    String id = (String) created("network_type", "vlan", "physical_network", "physnet1", "segmentation_id", 310)
        .get("id");
    // An unbound port does not hold the id.
    assertThat(s.post("/v2.0/ports", Map.of("port", Map.of("network_id", id))).status()).isEqualTo(201);
    var moved = s.put("/v2.0/networks/" + id, Map.of("network", Map.of("provider:segmentation_id", 311)));
    assertThat(moved.status()).as(moved.raw().body()).isEqualTo(200);
    assertThat(moved.member("network")).containsEntry("provider:segmentation_id", 311)
        .containsEntry("provider:physical_network", "physnet1");
    inUse(create("network_type", "vlan", "physical_network", "physnet1", "segmentation_id", 311), "VlanIdInUse");
    assertThat(created("network_type", "vlan", "physical_network", "physnet1", "segmentation_id", 310))
        .containsEntry("provider:segmentation_id", 310); // released
    inUse(s.put("/v2.0/networks/" + id, Map.of("network", Map.of("provider:segmentation_id", 310))), "VlanIdInUse");
    invalid(s.put("/v2.0/networks/" + id, Map.of("network", Map.of("provider:segmentation_id", 4095))),
        "segmentation_id out of range (1 through 4094)");
    assertThat(s.get("/v2.0/networks/" + id).member("network")).containsEntry("provider:segmentation_id", 311);
    String vxlan = (String) created("network_type", "vxlan", "segmentation_id", 6000).get("id");
    invalid(s.put("/v2.0/networks/" + vxlan, Map.of("network", Map.of("provider:segmentation_id", 6001))),
        "Only VLAN type networks can be updated.");
    var multi = s.post("/v2.0/networks", Map.of("network", Map.of("segments", List.of(
        Map.of("provider:network_type", "vlan", "provider:physical_network", "physnet1", "provider:segmentation_id", 320),
        Map.of("provider:network_type", "vlan", "provider:physical_network", "physnet2", "provider:segmentation_id", 320)))));
    invalid(s.put("/v2.0/networks/" + multi.member("network").get("id"),
        Map.of("network", Map.of("provider:segmentation_id", 322))),
        "Provider network attributes can be updated only in provider networks with a single segment.");
  }

  @Test
  void providerAttributesAreAdminOnlyAndFixed() {
    var member = s.post("/v2.0/networks", Map.of("network", Map.of("provider:network_type", "vxlan")), MEMBER);
    assertThat(member.status()).isEqualTo(403);
    var mine = s.post("/v2.0/networks", Map.of("network", Map.of("name", "mine")), MEMBER);
    assertThat(mine.status()).isEqualTo(201);
    assertThat(mine.member("network")).doesNotContainKeys("provider:network_type", "provider:physical_network",
        "provider:segmentation_id");
    String id = (String) mine.member("network").get("id");
    assertThat(s.get("/v2.0/networks/" + id, MEMBER).member("network")).doesNotContainKey("provider:segmentation_id");
    var shown = s.get("/v2.0/networks/" + id).member("network");
    assertThat(shown).containsEntry("provider:network_type", "vxlan");
    // The same value is accepted; another one is not.
    assertThat(s.put("/v2.0/networks/" + id, Map.of("network", Map.of("provider:network_type", "vxlan"))).status())
        .isEqualTo(200);
    invalid(s.put("/v2.0/networks/" + id, Map.of("network", Map.of("provider:network_type", "vlan"))),
        "Plugin does not support updating the following provider network attributes: provider:network_type, "
            + "provider:physical_network");
  }
}
