package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.server.agent.AgentRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The multi-provider extension (segments on network create) and the segments service plugin
 * (/v2.0/segments, subnets on segments, segments in use), with Neutron Zed's errors.
 */
class SegmentsTest {
  private static final String[] MEMBER = {"X-Project-Id", "p1", "X-Roles", "member"};
  static TestServer s;

  @BeforeAll
  static void start() {
    s = TestServer.start(Map.of(
        "DEFAULT", Map.of("service_plugins", "segments"),
        "ml2", Map.of("mechanism_drivers", "linuxbridge", "tenant_network_types", "vxlan"),
        "ml2_type_vxlan", Map.of("vni_ranges", "100:199"),
        "ml2_type_vlan", Map.of("network_vlan_ranges", "physnet1:10:20,physnet2:10:20")));
    s.service(AgentRegistry.class).reportState(Map.of("agent_type", "Linux bridge agent",
        "binary", "neutron-linuxbridge-agent", "host", "h2", "topic", "N/A",
        "configurations", Map.of("interface_mappings", Map.of("physnet2", "eth2"))));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static Map<String, Object> vlan(String physnet, Integer id) {
    return id == null ? Map.of("provider:network_type", "vlan", "provider:physical_network", physnet)
        : Map.of("provider:network_type", "vlan", "provider:physical_network", physnet, "provider:segmentation_id", id);
  }

  @Test
  void multiProviderNetworkShowsItsSegmentsAndBindsOnTheOneTheHostReaches() {
    var r = s.post("/v2.0/networks", Map.of("network", Map.of("name", "multi",
        "segments", List.of(vlan("physnet1", 11), vlan("physnet2", null)))));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    var net = r.member("network");
    assertThat(net).doesNotContainKey("provider:network_type");
    @SuppressWarnings("unchecked")
    var segments = (List<Map<String, Object>>) net.get("segments");
    assertThat(segments).hasSize(2);
    assertThat(segments.get(0)).isEqualTo(Map.of("provider:network_type", "vlan",
        "provider:physical_network", "physnet1", "provider:segmentation_id", 11));
    assertThat(segments.get(1)).containsEntry("provider:physical_network", "physnet2");
    assertThat((Integer) segments.get(1).get("provider:segmentation_id")).isBetween(10, 20);
    // The agent on h2 maps physnet2 only: the second segment is the one bound.
    var port = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net.get("id"), "binding:host_id", "h2")));
    assertThat(port.member("port")).containsEntry("binding:vif_type", "bridge");
    // Non-admins see no segments (policy), as with provider attributes.
    assertThat(s.get("/v2.0/segments?network_id=" + net.get("id")).list("segments")).hasSize(2);
    // The same id twice is taken: 409, and nothing is left behind.
    var again = s.post("/v2.0/networks", Map.of("network", Map.of("name", "again",
        "segments", List.of(vlan("physnet1", 12), vlan("physnet1", 11)))));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.errorType()).isEqualTo("VlanIdInUse");
    assertThat(s.get("/v2.0/networks?name=again").list("networks")).isEmpty();
    assertThat(s.post("/v2.0/networks", Map.of("network", Map.of("segments", List.of(vlan("physnet1", 12)))))
        .status()).isEqualTo(201); // 12 was released with the rollback
  }

  @Test
  void multiProviderRules() {
    var both = s.post("/v2.0/networks", Map.of("network", Map.of("provider:network_type", "vxlan",
        "segments", List.of(Map.of("provider:network_type", "vxlan")))));
    assertThat(both.status()).isEqualTo(400);
    assertThat(both.errorType()).isEqualTo("SegmentsSetInConjunctionWithProviders");
    var dup = s.post("/v2.0/networks", Map.of("network", Map.of("segments",
        List.of(vlan("physnet1", 15), vlan("physnet1", 15)))));
    assertThat(dup.status()).isEqualTo(400);
    assertThat(dup.errorType()).isEqualTo("SegmentsContainDuplicateEntry");
    var unknown = s.post("/v2.0/networks", Map.of("network", Map.of("segments",
        List.of(Map.of("provider:network_type", "vxlan", "foo", 1)))));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.errorType()).isEqualTo("HTTPBadRequest");
    var badType = s.post("/v2.0/networks", Map.of("network", Map.of("segments",
        List.of(Map.of("provider:network_type", "nosuch")))));
    assertThat(badType.status()).isEqualTo(400);
    assertThat(badType.errorType()).isEqualTo("InvalidInput");
    var member = s.post("/v2.0/networks", Map.of("network", Map.of("segments", List.of(vlan("physnet1", 16)))), MEMBER);
    assertThat(member.status()).isEqualTo(403);
  }

  @Test
  void segmentsApiCreatesListsUpdatesAndDeletesSegments() {
    String net = (String) s.post("/v2.0/networks", Map.of("network", Map.of("name", "routed")))
        .member("network").get("id");
    var created = s.post("/v2.0/segments", Map.of("segment", Map.of("network_id", net, "network_type", "vlan",
        "physical_network", "physnet2", "name", "seg-b")));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    var seg = created.member("segment");
    assertThat(seg).containsEntry("network_id", net).containsEntry("network_type", "vlan")
        .containsEntry("physical_network", "physnet2").containsEntry("name", "seg-b").containsKey("description");
    assertThat((Integer) seg.get("segmentation_id")).isBetween(10, 20);
    String id = (String) seg.get("id");
    assertThat(s.get("/v2.0/segments?network_id=" + net).list("segments")).hasSize(2);
    var net2 = s.get("/v2.0/networks/" + net).member("network");
    assertThat(net2).containsKey("segments");
    assertThat(s.put("/v2.0/segments/" + id, Map.of("segment", Map.of("name", "renamed"))).member("segment"))
        .containsEntry("name", "renamed");
    assertThat(s.get("/v2.0/segments/" + id, MEMBER).status()).isEqualTo(404);
    assertThat(s.post("/v2.0/segments", Map.of("segment", Map.of("network_id", net, "network_type", "vlan",
        "physical_network", "nosuch"))).errorType()).isEqualTo("InvalidInput");
    var noNet = s.post("/v2.0/segments", Map.of("segment", Map.of("network_id",
        "00000000-0000-0000-0000-000000000000", "network_type", "vxlan")));
    assertThat(noNet.status()).isEqualTo(404);
    assertThat(noNet.errorType()).isEqualTo("NetworkNotFound");
    assertThat(s.delete("/v2.0/segments/" + id).status()).isEqualTo(204);
    assertThat(s.get("/v2.0/segments/" + id).errorType()).isEqualTo("SegmentNotFound");
    assertThat(s.get("/v2.0/networks/" + net).member("network")).containsEntry("provider:network_type", "vxlan");
    assertThat(s.get("/v2.0/extensions/segment").status()).isEqualTo(200);
    assertThat(s.get("/v2.0/extensions/multi-provider").status()).isEqualTo(200);
  }

  @Test
  void subnetsOfANetworkAreAllOnSegmentsOrNoneAndASegmentInUseStays() {
    String net = (String) s.post("/v2.0/networks", Map.of("network", Map.of("segments",
        List.of(vlan("physnet1", null), vlan("physnet2", null))))).member("network").get("id");
    List<Map<String, Object>> segs = s.get("/v2.0/segments?network_id=" + net).list("segments");
    String seg1 = (String) segs.get(0).get("id");
    var on = s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", net, "cidr", "10.50.0.0/24",
        "ip_version", 4, "segment_id", seg1)));
    assertThat(on.status()).as(on.raw().body()).isEqualTo(201);
    assertThat(on.member("subnet")).containsEntry("segment_id", seg1);
    var without = s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", net, "cidr", "10.51.0.0/24",
        "ip_version", 4)));
    assertThat(without.status()).isEqualTo(400);
    assertThat(without.errorType()).isEqualTo("SubnetsNotAllAssociatedWithSegments");
    // And the other way round: a subnet on a segment beside one that is not.
    String plainFirst = (String) s.post("/v2.0/networks", Map.of("network", Map.of("segments",
        List.of(vlan("physnet1", null), vlan("physnet2", null))))).member("network").get("id");
    String plainSeg = (String) s.get("/v2.0/segments?network_id=" + plainFirst).list("segments").get(0).get("id");
    assertThat(s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", plainFirst, "cidr", "10.53.0.0/24",
        "ip_version", 4))).status()).isEqualTo(201);
    var onAfter = s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", plainFirst, "cidr", "10.54.0.0/24",
        "ip_version", 4, "segment_id", plainSeg)));
    assertThat(onAfter.status()).isEqualTo(400);
    assertThat(onAfter.errorType()).isEqualTo("SubnetsNotAllAssociatedWithSegments");
    String other = (String) s.post("/v2.0/networks", Map.of("network", Map.of("name", "o"))).member("network").get("id");
    var foreign = s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", other, "cidr", "10.52.0.0/24",
        "ip_version", 4, "segment_id", seg1)));
    assertThat(foreign.status()).isEqualTo(400);
    assertThat(foreign.errorType()).isEqualTo("NetworkIdsDontMatch");
    assertThat(s.get("/v2.0/networks/" + net).member("network")).containsEntry("l2_adjacency", false);
    assertThat(s.get("/v2.0/networks/" + other).member("network")).containsEntry("l2_adjacency", true);
    var inUse = s.delete("/v2.0/segments/" + seg1);
    assertThat(inUse.status()).isEqualTo(409);
    assertThat(inUse.errorType()).isEqualTo("SegmentInUse");
    var moved = s.put("/v2.0/subnets/" + on.member("subnet").get("id"),
        Map.of("subnet", Map.of("segment_id", segs.get(1).get("id"))));
    assertThat(moved.status()).isEqualTo(400);
    assertThat(moved.errorType()).isEqualTo("SubnetSegmentAssociationChangeNotAllowed");
  }

  @Test
  void aSegmentMustAllowTheNetworksMtu() {
    // An id outside the ranges: the other tests pick theirs in the ranges.
    var net = s.post("/v2.0/networks", Map.of("network", vlan("physnet2", 400))).member("network");
    assertThat(net).containsEntry("mtu", 1500);
    var vxlan = s.post("/v2.0/segments", Map.of("segment", Map.of("network_id", net.get("id"), "network_type", "vxlan")));
    assertThat(vxlan.status()).as(vxlan.raw().body()).isEqualTo(400);
    assertThat(vxlan.errorType()).isEqualTo("InvalidInput");
    assertThat(vxlan.raw().body()).contains("Requested MTU is too big, maximum is 1450");
    assertThat(s.put("/v2.0/networks/" + net.get("id"), Map.of("network", Map.of("mtu", 1450))).status()).isEqualTo(200);
    var fits = s.post("/v2.0/segments", Map.of("segment", Map.of("network_id", net.get("id"), "network_type", "vxlan")));
    assertThat(fits.status()).as(fits.raw().body()).isEqualTo(201);
    assertThat(s.get("/v2.0/networks/" + net.get("id")).member("network")).containsEntry("mtu", 1450);
  }

  @Test
  void aSegmentAPortIsBoundToCannotBeDeleted() {
    String net = (String) s.post("/v2.0/networks", Map.of("network", Map.of("name", "b")))
        .member("network").get("id");
    String seg = (String) s.post("/v2.0/segments", Map.of("segment", Map.of("network_id", net,
        "network_type", "vlan", "physical_network", "physnet2"))).member("segment").get("id");
    var port = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net, "binding:host_id", "h2")));
    assertThat(port.member("port")).containsEntry("binding:vif_type", "bridge");
    var r = s.delete("/v2.0/segments/" + seg);
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.errorType()).isEqualTo("SegmentInUse");
    assertThat(s.delete("/v2.0/ports/" + port.member("port").get("id")).status()).isEqualTo(204);
    assertThat(s.delete("/v2.0/segments/" + seg).status()).isEqualTo(204);
  }
}
