package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The port_security extension driver ([ml2] extension_drivers = port_security, TestServer's
 * default) with the security group and allowed address pair rules Neutron's ML2 ties to it.
 */
class PortSecurityTest {
  static TestServer s;
  static final String[] P = {"X-Project-Id", "psec"};

  @BeforeAll
  static void start() {
    s = TestServer.start(Map.of());
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

  static Map<String, Object> network(Object... kv) {
    var r = s.post("/v2.0/networks", Map.of("network", map(kv)), P);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.member("network");
  }

  static TestServer.Reply port(Object... kv) {
    return s.post("/v2.0/ports", Map.of("port", map(kv)), P);
  }

  static Map<String, Object> created(TestServer.Reply r) {
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.member("port");
  }

  static TestServer.Reply update(String portId, Object... kv) {
    return s.put("/v2.0/ports/" + portId, Map.of("port", map(kv)), P);
  }

  static String group() {
    var r = s.post("/v2.0/security-groups", Map.of("security_group", Map.of("name", "g")), P);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return (String) r.member("security_group").get("id");
  }

  static final List<Map<String, Object>> PAIRS = List.of(Map.of("ip_address", "10.9.9.9"));

  @Test
  void listedAsAnExtension() {
    assertThat(s.get("/v2.0/extensions").list("extensions")).extracting(e -> e.get("alias"))
        .contains("port-security");
    var ext = s.get("/v2.0/extensions/port-security");
    assertThat(ext.status()).isEqualTo(200);
    assertThat(ext.member("extension")).containsEntry("name", "Port Security")
        .containsEntry("updated", "2012-07-23T10:00:00-00:00");
  }

  @Test
  void portsInheritTheirNetworksValue() {
    var on = network("name", "on");
    assertThat(on).containsEntry("port_security_enabled", true);
    var off = network("name", "off", "port_security_enabled", false);
    assertThat(off).containsEntry("port_security_enabled", false);
    assertThat(s.get("/v2.0/networks/" + off.get("id"), P).member("network"))
        .containsEntry("port_security_enabled", false);

    assertThat(created(port("network_id", on.get("id")))).containsEntry("port_security_enabled", true);
    var inherited = created(port("network_id", off.get("id")));
    assertThat(inherited).containsEntry("port_security_enabled", false)
        .containsEntry("security_groups", List.of());
    assertThat(created(port("network_id", off.get("id"), "port_security_enabled", true)))
        .containsEntry("port_security_enabled", true);
    assertThat(created(port("network_id", on.get("id"), "port_security_enabled", "False")))
        .containsEntry("port_security_enabled", false);
    // Ports of network:* owners (DHCP, routers) never filter traffic.
    assertThat(created(port("network_id", on.get("id"), "device_owner", "network:dhcp", "port_security_enabled", true)))
        .containsEntry("port_security_enabled", false);

    // A network's new value applies to ports created afterwards, not to existing ones.
    var changed = s.put("/v2.0/networks/" + on.get("id"), Map.of("network", map("port_security_enabled", false)), P);
    assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);
    assertThat(changed.member("network")).containsEntry("port_security_enabled", false);
    assertThat(created(port("network_id", on.get("id")))).containsEntry("port_security_enabled", false);
    assertThat(s.get("/v2.0/ports?network_id=" + on.get("id"), P).list("ports"))
        .extracting(p -> p.get("port_security_enabled")).containsExactlyInAnyOrder(true, false, false, false);
  }

  @Test
  void badValueIsRefused() {
    var r = s.post("/v2.0/networks", Map.of("network", map("port_security_enabled", "maybe")), P);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorType()).isEqualTo("HTTPBadRequest");
  }

  @Test
  void noGroupsOnAPortWithoutSecurity() {
    String sg = group();
    var on = network("name", "sg-on");
    var off = network("name", "sg-off", "port_security_enabled", false);
    var asked = port("network_id", on.get("id"), "port_security_enabled", false, "security_groups", List.of(sg));
    assertThat(asked.status()).isEqualTo(400);
    assertThat(asked.errorType()).isEqualTo("PortSecurityAndIPRequiredForSecurityGroups");
    var viaNetwork = port("network_id", off.get("id"), "security_groups", List.of(sg));
    assertThat(viaNetwork.status()).isEqualTo(400);
    assertThat(viaNetwork.errorType()).isEqualTo("PortSecurityAndIPRequiredForSecurityGroups");
    assertThat(s.get("/v2.0/ports?network_id=" + off.get("id"), P).list("ports")).isEmpty();
    // An empty list is no group.
    assertThat(created(port("network_id", off.get("id"), "security_groups", List.of())))
        .containsEntry("port_security_enabled", false);

    // Disabling security on a port that has groups: only together with removing them.
    var p = created(port("network_id", on.get("id")));
    String id = (String) p.get("id");
    assertThat((List<?>) p.get("security_groups")).hasSize(1);
    var refused = update(id, "port_security_enabled", false);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.errorType()).isEqualTo("PortSecurityPortHasSecurityGroup");
    assertThat(s.get("/v2.0/ports/" + id, P).member("port")).containsEntry("port_security_enabled", true);
    var both = update(id, "port_security_enabled", false, "security_groups", List.of(sg));
    assertThat(both.status()).isEqualTo(400);
    assertThat(both.errorType()).isEqualTo("PortSecurityAndIPRequiredForSecurityGroups");
    var cleared = update(id, "port_security_enabled", false, "security_groups", List.of());
    assertThat(cleared.status()).as(cleared.raw().body()).isEqualTo(200);
    assertThat(cleared.member("port")).containsEntry("port_security_enabled", false)
        .containsEntry("security_groups", List.of());

    // The stored value counts when the request does not change it.
    var later = update(id, "security_groups", List.of(sg));
    assertThat(later.status()).isEqualTo(400);
    assertThat(later.errorType()).isEqualTo("PortSecurityAndIPRequiredForSecurityGroups");
    var again = update(id, "port_security_enabled", true, "security_groups", List.of(sg));
    assertThat(again.status()).as(again.raw().body()).isEqualTo(200);
    assertThat(again.member("port")).containsEntry("port_security_enabled", true)
        .containsEntry("security_groups", List.of(sg));
  }

  @Test
  void noAddressPairsOnAPortWithoutSecurity() {
    var on = network("name", "aap-on");
    var off = network("name", "aap-off", "port_security_enabled", false);
    var asked = port("network_id", on.get("id"), "port_security_enabled", false, "allowed_address_pairs", PAIRS);
    assertThat(asked.status()).isEqualTo(409);
    assertThat(asked.errorType()).isEqualTo("AddressPairAndPortSecurityRequired");
    assertThat(asked.body().toString()).contains("Port Security must be enabled in order to have allowed "
        + "address pairs on a port.");
    var viaNetwork = port("network_id", off.get("id"), "allowed_address_pairs", PAIRS);
    assertThat(viaNetwork.status()).isEqualTo(409);
    assertThat(viaNetwork.errorType()).isEqualTo("AddressPairAndPortSecurityRequired");

    String id = (String) created(port("network_id", on.get("id"), "allowed_address_pairs", PAIRS,
        "security_groups", List.of())).get("id");
    var kept = update(id, "port_security_enabled", false);
    assertThat(kept.status()).isEqualTo(409);
    assertThat(kept.errorType()).isEqualTo("AddressPairAndPortSecurityRequired");
    var dropped = update(id, "port_security_enabled", false, "allowed_address_pairs", List.of());
    assertThat(dropped.status()).as(dropped.raw().body()).isEqualTo(200);
    assertThat(dropped.member("port")).containsEntry("port_security_enabled", false)
        .containsEntry("allowed_address_pairs", List.of());
    var added = update(id, "allowed_address_pairs", PAIRS);
    assertThat(added.status()).isEqualTo(409);
    assertThat(added.errorType()).isEqualTo("AddressPairAndPortSecurityRequired");
    assertThat(s.get("/v2.0/ports/" + id, P).member("port")).containsEntry("allowed_address_pairs", List.of());
  }

  @Test
  void bulkCreateAndDelete() {
    var net = network("name", "bulk", "port_security_enabled", false);
    var r = s.post("/v2.0/ports", Map.of("ports", List.of(map("network_id", net.get("id")),
        map("network_id", net.get("id"), "port_security_enabled", true))), P);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    assertThat(r.list("ports")).extracting(p -> p.get("port_security_enabled")).containsExactly(false, true);
    var failed = s.post("/v2.0/ports", Map.of("ports", List.of(map("network_id", net.get("id")),
        map("network_id", net.get("id"), "allowed_address_pairs", PAIRS))), P);
    assertThat(failed.status()).isEqualTo(409);
    assertThat(failed.errorType()).isEqualTo("AddressPairAndPortSecurityRequired");
    assertThat(s.get("/v2.0/ports?network_id=" + net.get("id"), P).list("ports")).hasSize(2);
    for (Map<String, Object> p : r.list("ports")) {
      assertThat(s.delete("/v2.0/ports/" + p.get("id"), P).status()).isEqualTo(204);
    }
    assertThat(s.delete("/v2.0/networks/" + net.get("id"), P).status()).isEqualTo(204);
  }
}
