package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.server.db.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Segments of project networks (TypeManager._allocate_tenant_net_segment): from the first of
 * tenant_network_types with a free id, then the next; 503 NoNetworkAvailable when none has one;
 * ids given back when the network goes. And the allocation table at start-up
 * (sync_allocations): a range that shrinks keeps its allocated ids and drops its free ones.
 */
class TenantNetworksTest {

  static Map<String, Object> network(TestServer s) {
    var r = s.post("/v2.0/networks", Map.of("network", Map.of("name", "t")));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.member("network");
  }

  static void noneLeft(TestServer.Reply r) {
    assertThat(r.status()).as(r.raw().body()).isEqualTo(503);
    assertThat(r.errorType()).isEqualTo("NoNetworkAvailable");
  }

  @Test
  void typesAreTriedInOrderAndIdsComeBackOnDelete() {
    try (TestServer s = TestServer.start(Map.of(
        "ml2", Map.of("tenant_network_types", "vlan,vxlan"),
        "ml2_type_vlan", Map.of("network_vlan_ranges", "physnet1:10:11"),
        "ml2_type_vxlan", Map.of("vni_ranges", "100:100")))) {
      var first = network(s);
      var second = network(s);
      assertThat(List.of(first.get("provider:segmentation_id"), second.get("provider:segmentation_id")))
          .containsExactlyInAnyOrder(10, 11);
      assertThat(first).containsEntry("provider:network_type", "vlan").containsEntry("provider:physical_network", "physnet1");
      var third = network(s);
      assertThat(third).containsEntry("provider:network_type", "vxlan").containsEntry("provider:segmentation_id", 100);
      noneLeft(s.post("/v2.0/networks", Map.of("network", Map.of("name", "t"))));
      // A provider network asking the driver for an id is refused alike.
      noneLeft(s.post("/v2.0/networks", Map.of("network", Map.of("provider:network_type", "vlan",
          "provider:physical_network", "physnet1"))));

      assertThat(s.delete("/v2.0/networks/" + first.get("id")).status()).isEqualTo(204);
      assertThat(network(s)).containsEntry("provider:network_type", "vlan")
          .containsEntry("provider:segmentation_id", first.get("provider:segmentation_id"));
      assertThat(s.delete("/v2.0/networks/" + third.get("id")).status()).isEqualTo(204);
      assertThat(network(s)).containsEntry("provider:network_type", "vxlan").containsEntry("provider:segmentation_id", 100);
      noneLeft(s.post("/v2.0/networks", Map.of("network", Map.of("name", "t"))));
    }
  }

  /** The vxlan rows of segment_allocations: id → allocated. */
  static Map<Integer, Boolean> vxlanRows(TestServer s) {
    return s.service(Database.class).read(h -> {
      Map<Integer, Boolean> rows = new TreeMap<>();
      h.createQuery("SELECT segmentation_id, allocated FROM segment_allocations WHERE network_type = ?")
          .bind(0, "vxlan").map((rs, c) -> Map.entry(rs.getInt(1), rs.getBoolean(2)))
          .forEach(e -> rows.put(e.getKey(), e.getValue()));
      return rows;
    });
  }

  @Test
  void shrunkRangesKeepAllocatedIdsAndDropFreeOnesAtStartUp() {
    TestServer s = TestServer.start(Map.of("ml2", Map.of("tenant_network_types", "vxlan"),
        "ml2_type_vxlan", Map.of("vni_ranges", "1:10")));
    try {
      assertThat(vxlanRows(s)).hasSize(10).doesNotContainValue(true);
      List<Integer> taken = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        taken.add((Integer) network(s).get("provider:segmentation_id"));
      }
      var provider = s.post("/v2.0/networks", Map.of("network", Map.of("provider:network_type", "vxlan",
          "provider:segmentation_id", 50)));
      assertThat(provider.status()).isEqualTo(201);

      s = s.restart(Map.of("ml2", Map.of("tenant_network_types", "vxlan"),
          "ml2_type_vxlan", Map.of("vni_ranges", "20:22")));
      Map<Integer, Boolean> expected = new TreeMap<>(Map.of(20, false, 21, false, 22, false, 50, true));
      taken.forEach(id -> expected.put(id, true));
      assertThat(vxlanRows(s)).isEqualTo(expected);
      // Only the new range is handed out; an old id dropped out of the ranges leaves the table on delete.
      List<Object> fresh = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        fresh.add(network(s).get("provider:segmentation_id"));
      }
      assertThat(fresh).containsExactlyInAnyOrder(20, 21, 22);
      noneLeft(s.post("/v2.0/networks", Map.of("network", Map.of("name", "t"))));
      String old = (String) s.get("/v2.0/networks?provider:segmentation_id=" + taken.get(0)).list("networks")
          .get(0).get("id");
      assertThat(s.delete("/v2.0/networks/" + old).status()).isEqualTo(204);
      assertThat(vxlanRows(s)).doesNotContainKey(taken.get(0)).hasSize(6);
    } finally {
      s.close();
    }
  }
}
