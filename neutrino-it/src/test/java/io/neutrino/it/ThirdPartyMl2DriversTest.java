package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A type driver and a mechanism driver from a jar built against neutrino-lib only
 * (neutrino-example-plugin), loaded by configuration alone, exactly as the built-in ones.
 */
class ThirdPartyMl2DriversTest {
  @Test
  void customTypeGivesSegmentsAndCustomDriverBindsPorts() {
    try (TestServer s = TestServer.start(Map.of(
        "ml2", Map.of("type_drivers", "local,vxlan,example", "tenant_network_types", "example",
            "mechanism_drivers", "linuxbridge,example"),
        "ml2_type_example", Map.of("id_ranges", "500:509"),
        "example", Map.of("hosts", "ex1")))) {
      var net = s.post("/v2.0/networks", Map.of("network", Map.of("name", "custom"))).member("network");
      assertThat(net).containsEntry("provider:network_type", "example").containsEntry("mtu", 1400);
      assertThat((Integer) net.get("provider:segmentation_id")).isBetween(500, 509);
      var port = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net.get("id"), "binding:host_id", "ex1")));
      assertThat(port.member("port")).containsEntry("binding:vif_type", "example")
          .containsEntry("binding:vif_details", Map.of("host", "ex1", "vni", net.get("provider:segmentation_id")));
      var elsewhere = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net.get("id"), "binding:host_id", "h9")));
      assertThat(elsewhere.member("port")).containsEntry("binding:vif_type", "binding_failed");
      // A provider network of the custom type, with an id outside the ranges; the id is then in use.
      var provider = s.post("/v2.0/networks", Map.of("network", Map.of("provider:network_type", "example",
          "provider:segmentation_id", 600)));
      assertThat(provider.status()).isEqualTo(201);
      var taken = s.post("/v2.0/networks", Map.of("network", Map.of("provider:network_type", "example",
          "provider:segmentation_id", 600)));
      assertThat(taken.status()).isEqualTo(409);
      assertThat(taken.errorType()).isEqualTo("TunnelIdInUse");
    }
  }
}
