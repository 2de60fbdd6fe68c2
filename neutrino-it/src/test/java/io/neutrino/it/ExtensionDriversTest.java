package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Loading ML2 extension drivers by [ml2] extension_drivers: each driver's API extension is listed
 * (and its attributes exist) only while the driver is loaded; an unknown name stops the start.
 * Each test starts its own server (one at a time: they share the test database).
 */
class ExtensionDriversTest {
  static final List<String> DRIVER_EXTENSIONS = List.of("port-security", "dns-integration",
      "dns-domain-ports", "data-plane-status", "uplink-status-propagation");

  static final List<String> QOS_DRIVER_ALIASES = List.of("qos-port-network-policy",
      "port-resource-request", "port-resource-request-groups");

  static TestServer withDrivers(String drivers, String servicePlugins) {
    return TestServer.start(Map.of("ml2", Map.of("extension_drivers", drivers),
        "DEFAULT", Map.of("service_plugins", servicePlugins)));
  }

  static List<Object> aliases(TestServer s) {
    return s.get("/v2.0/extensions").list("extensions").stream().map(e -> e.get("alias")).toList();
  }

  @Test
  void noDriverNoExtensionNoAttribute() {
    try (TestServer s = withDrivers("", "router")) {
      assertThat(aliases(s)).doesNotContainAnyElementsOf(DRIVER_EXTENSIONS);
      assertThat(s.get("/v2.0/extensions/port-security").status()).isEqualTo(404);
      var net = s.post("/v2.0/networks", Map.of("network", Map.of("name", "plain")));
      assertThat(net.status()).isEqualTo(201);
      assertThat(net.member("network")).doesNotContainKeys("port_security_enabled", "dns_domain");
      String netId = (String) net.member("network").get("id");
      for (String attribute : List.of("port_security_enabled", "dns_name", "propagate_uplink_status")) {
        var r = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", netId, attribute, false)));
        assertThat(r.status()).as(attribute).isEqualTo(400);
        assertThat(r.errorType()).isEqualTo("HTTPBadRequest");
        assertThat(r.body().toString()).contains("Unrecognized attribute(s) '" + attribute + "'");
      }
      // Without port security every port counts as secured: address pairs and groups are allowed.
      var port = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", netId,
          "allowed_address_pairs", List.of(Map.of("ip_address", "10.1.1.1")))));
      assertThat(port.status()).as(port.raw().body()).isEqualTo(201);
      assertThat(port.member("port")).doesNotContainKeys("port_security_enabled", "dns_name",
          "dns_assignment", "data_plane_status", "propagate_uplink_status");
      assertThat((List<?>) port.member("port").get("security_groups")).hasSize(1);
    }
  }

  @Test
  void everyDriverListsItsExtensions() {
    try (TestServer s = withDrivers(
        "port_security,dns_domain_ports,data_plane_status,uplink_status_propagation", "router")) {
      assertThat(aliases(s)).containsAll(DRIVER_EXTENSIONS);
      var net = s.post("/v2.0/networks", Map.of("network", Map.of("name", "all"))).member("network");
      assertThat(net).containsEntry("port_security_enabled", true).containsEntry("dns_domain", "");
      var port = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net.get("id")))).member("port");
      assertThat(port).containsEntry("port_security_enabled", true).containsEntry("dns_name", "")
          .containsEntry("dns_domain", "").containsEntry("dns_assignment", List.of())
          .containsEntry("data_plane_status", null).containsEntry("propagate_uplink_status", true);
    }
  }

  @Test
  void driversByNeutronClassName() {
    try (TestServer s = withDrivers("neutron.plugins.ml2.extensions.data_plane_status.DataPlaneStatusExtensionDriver",
        "")) {
      assertThat(aliases(s)).contains("data-plane-status").doesNotContain("port-security");
    }
  }

  @Test
  void dnsIntegrationNeedsTheRouterExtension() {
    // neutron-lib's dns-integration requires l3 (router); Neutron drops it without.
    try (TestServer s = withDrivers("dns", "")) {
      assertThat(aliases(s)).doesNotContain("dns-integration");
      var net = s.post("/v2.0/networks", Map.of("network", Map.of("dns_domain", "example.org.")));
      assertThat(net.status()).isEqualTo(400);
      assertThat(net.body().toString()).contains("Unrecognized attribute(s) 'dns_domain'");
    }
  }

  /**
   * qos needs both halves: the service plugin serves policies, the driver qos_policy_id on
   * networks and ports (and the port extensions); alone, the driver is inert as in Neutron.
   */
  @Test
  void qosPluginWithoutTheDriverHasNoPolicyAttributes() {
    try (TestServer plain = withDrivers("port_security", "qos")) {
      assertThat(aliases(plain)).contains("qos", "qos-default").doesNotContainAnyElementsOf(QOS_DRIVER_ALIASES);
      assertThat(plain.post("/v2.0/qos/policies", Map.of("policy", Map.of("name", "p"))).status()).isEqualTo(201);
      var net = plain.post("/v2.0/networks", Map.of("network", Map.of("name", "n")));
      assertThat(net.member("network")).doesNotContainKey("qos_policy_id");
      var withPolicy = plain.post("/v2.0/networks", Map.of("network",
          Map.of("qos_policy_id", UUID.randomUUID().toString())));
      assertThat(withPolicy.status()).isEqualTo(400);
      assertThat(withPolicy.body().toString()).contains("Unrecognized attribute(s) 'qos_policy_id'");
    }
  }

  @Test
  void qosDriverWithoutThePluginIsInert() {
    try (TestServer noPlugin = withDrivers("port_security,qos", "router")) {
      assertThat(aliases(noPlugin)).doesNotContain("qos").doesNotContainAnyElementsOf(QOS_DRIVER_ALIASES);
      assertThat(noPlugin.get("/v2.0/qos/policies").status()).isEqualTo(404);
      var net = noPlugin.post("/v2.0/networks", Map.of("network", Map.of("name", "n")));
      assertThat(net.status()).isEqualTo(201);
      assertThat(net.member("network")).doesNotContainKey("qos_policy_id");
      String netId = (String) net.member("network").get("id");
      var port = noPlugin.post("/v2.0/ports", Map.of("port", Map.of("network_id", netId)));
      assertThat(port.member("port")).doesNotContainKeys("qos_policy_id", "qos_network_policy_id",
          "resource_request");
    }
  }

  @Test
  void unknownDriverStopsTheStart() {
    assertThatThrownBy(() -> withDrivers("port_security,nosuch", "").close())
        .hasMessageContaining("[ml2] extension_drivers")
        .hasMessageContaining("'nosuch'")
        .hasMessageContaining("neutron.ml2.extension_drivers")
        .hasMessageContaining("port_security");
  }

  @Test
  void aDriverOfAnotherNamespaceIsUnknown() {
    assertThatThrownBy(() -> withDrivers("ml2", "").close())
        .hasMessageContaining("[ml2] extension_drivers: no plugin named 'ml2'");
  }
}
