package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Trunks and their subports (service plugin trunk, linuxbridge trunk driver), as Neutron Zed. */
class TrunkTest {
  static TestServer s;
  static String net;
  static final String[] P1 = {"X-Project-Id", "p1", "X-Roles", "reader,member"};
  static final String T = "/v2.0/trunks";

  @BeforeAll
  static void start() {
    s = TestServer.start(Map.of("DEFAULT", Map.of("service_plugins", "trunk"),
        "ml2", Map.of("mechanism_drivers", "linuxbridge", "type_drivers", "local,flat,vlan,vxlan"),
        "ml2_type_vlan", Map.of("network_vlan_ranges", "physnet1:100:200")));
    net = (String) s.post("/v2.0/networks", Map.of("network", Map.of("name", "t")))
        .member("network").get("id");
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

  static String port(String network, Object... kv) {
    Map<String, Object> body = map(kv);
    body.put("network_id", network);
    var r = s.post("/v2.0/ports", Map.of("port", body));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return (String) r.member("port").get("id");
  }

  static Map<String, Object> sub(String port, int vlan) {
    return map("port_id", port, "segmentation_type", "vlan", "segmentation_id", vlan);
  }

  static TestServer.Reply trunk(Object... kv) {
    return s.post(T, Map.of("trunk", map(kv)));
  }

  static TestServer.Reply add(String trunk, List<?> subports) {
    return s.put(T + "/" + trunk + "/add_subports", Map.of("sub_ports", subports));
  }

  @Test
  void extensions() {
    assertThat(s.get("/v2.0/extensions").list("extensions")).extracting(e -> e.get("alias"))
        .contains("trunk", "trunk-details");
  }

  @Test
  void lifecycleWithSubports() {
    String parent = port(net);
    String child = port(net);
    var r = trunk("name", "t1", "port_id", parent, "sub_ports", List.of(sub(child, 100)));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    var t = r.member("trunk");
    assertThat(t).containsEntry("name", "t1").containsEntry("status", "DOWN")
        .containsEntry("admin_state_up", true).containsEntry("port_id", parent)
        .containsEntry("sub_ports", List.of(map("port_id", child, "segmentation_type", "vlan",
            "segmentation_id", 100)))
        .containsKeys("id", "project_id", "tenant_id", "description", "revision_number", "tags");
    String id = (String) t.get("id");
    var details = (Map<?, ?>) s.get("/v2.0/ports/" + parent).member("port").get("trunk_details");
    String mac = (String) s.get("/v2.0/ports/" + child).member("port").get("mac_address");
    assertThat(details).isEqualTo(map("trunk_id", id, "sub_ports", List.of(map("port_id", child,
        "segmentation_type", "vlan", "segmentation_id", 100, "mac_address", mac))));
    assertThat(s.get("/v2.0/ports/" + child).member("port")).doesNotContainKey("trunk_details");

    String second = port(net);
    var added = add(id, List.of(sub(second, 101)));
    assertThat(added.status()).isEqualTo(200);
    assertThat((List<?>) added.body().get("sub_ports")).hasSize(2);
    assertThat(s.get(T + "/" + id + "/get_subports").body().get("sub_ports")).asList().hasSize(2);
    var dup = add(id, List.of(sub(port(net), 101)));
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.errorType()).isEqualTo("DuplicateSubPort");
    var removed = s.put(T + "/" + id + "/remove_subports", Map.of("sub_ports", List.of(map("port_id", second))));
    assertThat(removed.status()).isEqualTo(200);
    assertThat((List<?>) removed.body().get("sub_ports")).hasSize(1);
    var notThere = s.put(T + "/" + id + "/remove_subports", Map.of("sub_ports", List.of(map("port_id", second))));
    assertThat(notThere.status()).isEqualTo(404);
    assertThat(notThere.errorType()).isEqualTo("SubPortNotFound");

    assertThat(s.put(T + "/" + id, Map.of("trunk", map("name", "t2"))).member("trunk"))
        .containsEntry("name", "t2");
    assertThat(s.delete(T + "/" + id).status()).isEqualTo(204);
    assertThat(s.get(T + "/" + id).errorType()).isEqualTo("TrunkNotFound");
    assertThat(s.get("/v2.0/ports/" + parent).member("port")).doesNotContainKey("trunk_details");
    assertThat(s.delete("/v2.0/ports/" + child).status()).isEqualTo(204);
  }

  @Test
  void portsInUse() {
    String parent = port(net);
    String child = port(net);
    String id = (String) trunk("port_id", parent, "sub_ports", List.of(sub(child, 150))).member("trunk").get("id");
    var again = trunk("port_id", parent);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.errorType()).isEqualTo("ParentPortInUse");
    var subAsParent = trunk("port_id", child);
    assertThat(subAsParent.errorType()).isEqualTo("TrunkPortInUse");
    var self = trunk("port_id", port(net), "sub_ports", List.of());
    String other = (String) self.member("trunk").get("id");
    String otherParent = (String) self.member("trunk").get("port_id");
    assertThat(add(other, List.of(sub(child, 160))).errorType()).isEqualTo("TrunkPortInUse");
    assertThat(add(other, List.of(sub(parent, 160))).errorType()).isEqualTo("ParentPortInUse");
    assertThat(add(other, List.of(sub(otherParent, 160))).errorType()).isEqualTo("ParentPortInUse");
    var delParent = s.delete("/v2.0/ports/" + parent);
    assertThat(delParent.status()).isEqualTo(409);
    assertThat(delParent.errorType()).isEqualTo("PortInUseAsTrunkParent");
    var delChild = s.delete("/v2.0/ports/" + child);
    assertThat(delChild.status()).isEqualTo(409);
    assertThat(delChild.errorType()).isEqualTo("PortInUseAsSubPort");
    String attached = port(net, "device_id", "vm-1");
    var device = add(other, List.of(sub(attached, 161)));
    assertThat(device.status()).isEqualTo(409);
    assertThat(device.errorType()).isEqualTo("PortInUse");
    var missing = add(other, List.of(sub("a6f7c6c6-3c7e-4d33-9f8e-5f0b2a2e1a11", 162)));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.errorType()).isEqualTo("PortNotFound");
    assertThat(s.delete(T + "/" + id).status()).isEqualTo(204);
  }

  @Test
  void segmentationValidation() {
    String id = (String) trunk("port_id", port(net)).member("trunk").get("id");
    var range = add(id, List.of(sub(port(net), 4095)));
    assertThat(range.status()).isEqualTo(400);
    assertThat(range.errorType()).isEqualTo("InvalidInput");
    var type = add(id, List.of(map("port_id", port(net), "segmentation_type", "vxlan", "segmentation_id", 7)));
    assertThat(type.status()).isEqualTo(400);
    assertThat(type.raw().body()).contains("Unknown segmentation_type 'vxlan'");
    var half = add(id, List.of(map("port_id", port(net), "segmentation_id", 7)));
    assertThat(half.status()).isEqualTo(400);
    assertThat(half.errorType()).isEqualTo("InvalidInput");
    String p = port(net);
    var twice = add(id, List.of(sub(p, 7), sub(p, 8)));
    assertThat(twice.status()).isEqualTo(400);
    assertThat(add(id, List.of()).status()).as("empty list is fine").isEqualTo(200);
    assertThat(s.put(T + "/" + id + "/add_subports", Map.of("x", 1)).status()).isEqualTo(400);
    var created = trunk("port_id", port(net), "sub_ports", List.of(map("port_id", "nope")));
    assertThat(created.status()).isEqualTo(400);

    String vlanNet = (String) s.post("/v2.0/networks", Map.of("network", map("provider:network_type", "vlan",
        "provider:physical_network", "physnet1", "provider:segmentation_id", 120))).member("network").get("id");
    var inherit = add(id, List.of(map("port_id", port(vlanNet), "segmentation_type", "inherit")));
    assertThat(inherit.status()).as(inherit.raw().body()).isEqualTo(200);
    assertThat(inherit.body().get("sub_ports").toString()).contains("segmentation_id=120");
    String vxlanNet = (String) s.post("/v2.0/networks", Map.of("network", map("provider:network_type", "vxlan",
        "provider:segmentation_id", 1234))).member("network").get("id");
    var tunnel = add(id, List.of(map("port_id", port(vxlanNet), "segmentation_type", "inherit")));
    assertThat(tunnel.raw().body()).contains("InvalidInput", "Unknown segmentation_type 'vxlan'");
  }

  @Test
  void mtuBoundPortsAndDisabledTrunks() {
    String small = (String) s.post("/v2.0/networks", Map.of("network", map("mtu", 1280)))
        .member("network").get("id");
    String id = (String) trunk("port_id", port(small)).member("trunk").get("id");
    var mtu = add(id, List.of(sub(port(net), 110)));
    assertThat(mtu.status()).isEqualTo(409);
    assertThat(mtu.errorType()).isEqualTo("SubPortMtuGreaterThanTrunkPortMtu");
    // bound but not to a VIF type a trunk driver serves (no agent binds it here)
    var bound = trunk("port_id", port(net, "binding:host_id", "host-1"));
    assertThat(bound.status()).isEqualTo(409);
    assertThat(bound.errorType()).isEqualTo("ParentPortInUse");
    assertThat(s.put(T + "/" + id, Map.of("trunk", map("admin_state_up", false))).status()).isEqualTo(200);
    assertThat(add(id, List.of(sub(port(small), 111))).errorType()).isEqualTo("TrunkDisabled");
    var del = s.delete(T + "/" + id);
    assertThat(del.status()).isEqualTo(409);
    assertThat(del.errorType()).isEqualTo("TrunkDisabled");
  }

  @Test
  void projectsSeeTheirOwnTrunks() {
    String mine = (String) s.post("/v2.0/networks", Map.of("network", map("name", "p1")), P1)
        .member("network").get("id");
    String port = (String) s.post("/v2.0/ports", Map.of("port", map("network_id", mine)), P1)
        .member("port").get("id");
    var r = s.post(T, Map.of("trunk", map("port_id", port)), P1);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    String id = (String) r.member("trunk").get("id");
    String admins = (String) trunk("port_id", port(net)).member("trunk").get("id");
    assertThat(s.get(T, P1).list("trunks")).extracting(t -> t.get("id")).containsExactly(id);
    assertThat(s.get(T + "/" + admins, P1).status()).isEqualTo(404);
    assertThat(s.put(T + "/" + admins + "/add_subports", Map.of("sub_ports", List.of()), P1).status())
        .isEqualTo(404);
    var foreign = s.post(T, Map.of("trunk", map("port_id", port(net))), P1);
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.errorType()).isEqualTo("PortNotFound");
  }

  @Test
  void needsATrunkCapableMechanismDriver() {
    assertThatThrownBy(() -> TestServer.start(Map.of("DEFAULT", Map.of("service_plugins", "trunk"))))
        .hasMessageContaining("Cannot load trunk plugin");
  }
}
