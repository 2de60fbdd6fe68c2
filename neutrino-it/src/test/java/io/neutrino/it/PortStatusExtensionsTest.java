package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The data_plane_status and uplink_status_propagation extension drivers. */
class PortStatusExtensionsTest {
  static TestServer s;
  static final String[] OWNER = {"X-Project-Id", "pstatus", "X-Roles", "member"};
  static final String[] INTEGRATOR = {"X-Project-Id", "pstatus", "X-Roles", "member,data_plane_integrator"};

  @BeforeAll
  static void start() {
    s = TestServer.start(Map.of("ml2", Map.of("extension_drivers",
        "port_security,data_plane_status,uplink_status_propagation")));
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

  static String network() {
    var r = s.post("/v2.0/networks", Map.of("network", map("name", "st")), OWNER);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return (String) r.member("network").get("id");
  }

  static Map<String, Object> port(Object... kv) {
    var r = s.post("/v2.0/ports", Map.of("port", map(kv)), OWNER);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.member("port");
  }

  static void badRequest(TestServer.Reply r, String message) {
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorType()).isEqualTo("HTTPBadRequest");
    assertThat(((Map<?, ?>) r.body().get("NeutronError")).get("message")).isEqualTo(message);
  }

  @Test
  void extensionsListed() {
    assertThat(s.get("/v2.0/extensions").list("extensions")).extracting(e -> e.get("alias"))
        .contains("data-plane-status", "uplink-status-propagation");
  }

  @Test
  void dataPlaneStatus() {
    String net = network();
    var p = port("network_id", net);
    String id = (String) p.get("id");
    assertThat(p).containsEntry("data_plane_status", null);
    badRequest(s.post("/v2.0/ports", Map.of("port", map("network_id", net, "data_plane_status", "ACTIVE")), OWNER),
        "Attribute 'data_plane_status' not allowed in POST");

    var byAdmin = s.put("/v2.0/ports/" + id, Map.of("port", map("data_plane_status", "DOWN")));
    assertThat(byAdmin.status()).as(byAdmin.raw().body()).isEqualTo(200);
    assertThat(byAdmin.member("port")).containsEntry("data_plane_status", "DOWN");
    assertThat(s.get("/v2.0/ports/" + id, OWNER).member("port")).containsEntry("data_plane_status", "DOWN");

    var byOwner = s.put("/v2.0/ports/" + id, Map.of("port", map("data_plane_status", "ACTIVE")), OWNER);
    assertThat(byOwner.status()).isEqualTo(403);
    assertThat(byOwner.errorType()).isEqualTo("PolicyNotAuthorized");
    var byIntegrator = s.put("/v2.0/ports/" + id, Map.of("port", map("data_plane_status", "ACTIVE")), INTEGRATOR);
    assertThat(byIntegrator.status()).as(byIntegrator.raw().body()).isEqualTo(200);
    assertThat(byIntegrator.member("port")).containsEntry("data_plane_status", "ACTIVE");

    badRequest(s.put("/v2.0/ports/" + id, Map.of("port", map("data_plane_status", "UP"))),
        "Invalid input for data_plane_status. Reason: UP is not in valid_values.");
    var reset = s.put("/v2.0/ports/" + id, Map.of("port", map("data_plane_status", null)));
    assertThat(reset.status()).isEqualTo(200);
    assertThat(reset.member("port")).containsEntry("data_plane_status", null);
    // Other updates leave it alone.
    s.put("/v2.0/ports/" + id, Map.of("port", map("data_plane_status", "ACTIVE")));
    assertThat(s.put("/v2.0/ports/" + id, Map.of("port", map("name", "renamed")), OWNER).member("port"))
        .containsEntry("data_plane_status", "ACTIVE");
  }

  @Test
  void propagateUplinkStatus() {
    String net = network();
    assertThat(port("network_id", net)).containsEntry("propagate_uplink_status", true);
    var off = port("network_id", net, "propagate_uplink_status", false);
    assertThat(off).containsEntry("propagate_uplink_status", false);
    assertThat(port("network_id", net, "propagate_uplink_status", "false"))
        .containsEntry("propagate_uplink_status", false);
    badRequest(s.put("/v2.0/ports/" + off.get("id"), Map.of("port", map("propagate_uplink_status", true)), OWNER),
        "Cannot update read-only attribute propagate_uplink_status");
    badRequest(s.post("/v2.0/ports", Map.of("port", map("network_id", net, "propagate_uplink_status", "sometimes")),
        OWNER), "Invalid input for propagate_uplink_status. Reason: 'sometimes' cannot be converted to boolean.");
    assertThat(s.get("/v2.0/ports?network_id=" + net, OWNER).list("ports"))
        .extracting(p -> p.get("propagate_uplink_status")).containsExactlyInAnyOrder(true, false, false);
    var bulk = s.post("/v2.0/ports", Map.of("ports", List.of(map("network_id", net, "propagate_uplink_status", false),
        map("network_id", net))), OWNER);
    assertThat(bulk.status()).as(bulk.raw().body()).isEqualTo(201);
    assertThat(bulk.list("ports")).extracting(p -> p.get("propagate_uplink_status")).containsExactly(false, true);
  }
}
