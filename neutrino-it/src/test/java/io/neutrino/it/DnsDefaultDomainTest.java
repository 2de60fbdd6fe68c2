package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dns extension driver with Neutron's default {@code [DEFAULT] dns_domain} (openstacklocal):
 * a port's dns_name is accepted but not kept, and addresses are named host-... in that domain.
 */
class DnsDefaultDomainTest {
  static TestServer s;

  @BeforeAll
  static void start() {
    s = TestServer.start(Map.of("DEFAULT", Map.of("service_plugins", "router"),
        "ml2", Map.of("extension_drivers", "dns")));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  @Test
  void namesAreNotKept() {
    assertThat(s.get("/v2.0/extensions").list("extensions")).extracting(e -> e.get("alias"))
        .contains("dns-integration").doesNotContain("dns-domain-ports", "port-security");
    String[] ns = s.networkWithSubnet("10.30.0.0/24");
    var r = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", ns[0], "dns_name", "vm1.other.org.",
        "fixed_ips", List.of(Map.of("ip_address", "10.30.0.4")))));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    var port = r.member("port");
    assertThat(port).containsEntry("dns_name", "").doesNotContainKey("dns_domain")
        .containsEntry("dns_assignment", List.of(Map.of("ip_address", "10.30.0.4",
            "hostname", "host-10-30-0-4", "fqdn", "host-10-30-0-4.openstacklocal.")));
    var updated = s.put("/v2.0/ports/" + port.get("id"), Map.of("port", Map.of("dns_name", "vm2")));
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.member("port")).containsEntry("dns_name", "");
    var bad = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", ns[0], "dns_name", "a_b")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.errorType()).isEqualTo("HTTPBadRequest");
  }

  @Test
  void networkDomainIsKept() {
    var net = s.post("/v2.0/networks", Map.of("network", Map.of("dns_domain", "lab.example.org.")));
    assertThat(net.status()).isEqualTo(201);
    assertThat(net.member("network")).containsEntry("dns_domain", "lab.example.org.");
    var port = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net.member("network").get("id"))));
    assertThat(port.member("port")).containsEntry("dns_name", "").containsEntry("dns_assignment", List.of());
  }
}
