package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dns_domain_ports extension driver (dns-integration plus dns-domain-ports) with
 * {@code [DEFAULT] dns_domain = example.org}: port names are kept and named in that domain.
 */
class DnsIntegrationTest {
  static TestServer s;

  @BeforeAll
  static void start() {
    s = TestServer.start(Map.of("DEFAULT", Map.of("service_plugins", "router", "dns_domain", "example.org"),
        "ml2", Map.of("extension_drivers", "port_security,dns_domain_ports")));
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

  static TestServer.Reply port(Object... kv) {
    return s.post("/v2.0/ports", Map.of("port", map(kv)));
  }

  static Map<String, Object> created(TestServer.Reply r) {
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.member("port");
  }

  static Map<String, Object> assigned(String ip, String hostname, String fqdn) {
    return Map.of("ip_address", ip, "hostname", hostname, "fqdn", fqdn);
  }

  static void badRequest(TestServer.Reply r, String message) {
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorType()).isEqualTo("HTTPBadRequest");
    assertThat(((Map<?, ?>) r.body().get("NeutronError")).get("message")).isEqualTo(message);
  }

  @Test
  void extensionsListed() {
    assertThat(s.get("/v2.0/extensions").list("extensions")).extracting(e -> e.get("alias"))
        .contains("dns-integration", "dns-domain-ports");
    assertThat(s.get("/v2.0/extensions/dns-integration").member("extension"))
        .containsEntry("name", "DNS Integration").containsEntry("updated", "2015-08-15T18:00:00-00:00");
  }

  @Test
  void networkDnsDomain() {
    var created = s.post("/v2.0/networks", Map.of("network", map("dns_domain", "Corp.Example.NET.")));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    var net = created.member("network");
    assertThat(net).containsEntry("dns_domain", "corp.example.net.");
    String id = (String) net.get("id");
    assertThat(s.get("/v2.0/networks/" + id).member("network")).containsEntry("dns_domain", "corp.example.net.");
    var changed = s.put("/v2.0/networks/" + id, Map.of("network", map("dns_domain", "other.org.")));
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.member("network")).containsEntry("dns_domain", "other.org.");
    var cleared = s.put("/v2.0/networks/" + id, Map.of("network", map("dns_domain", "")));
    assertThat(cleared.member("network")).containsEntry("dns_domain", "");
    assertThat(s.put("/v2.0/networks/" + id, Map.of("network", map("dns_domain", "again.org.")))
        .member("network")).containsEntry("dns_domain", "again.org.");
    assertThat(s.get("/v2.0/networks?id=" + id).list("networks").get(0)).containsEntry("dns_domain", "again.org.");

    badRequest(s.post("/v2.0/networks", Map.of("network", map("dns_domain", "example.net"))),
        "Invalid input for dns_domain. Reason: 'example.net' is not a FQDN.");
    badRequest(s.put("/v2.0/networks/" + id, Map.of("network", map("dns_domain", "a..b."))),
        "Invalid input for dns_domain. Reason: 'a..b.' not a valid PQDN or FQDN. Reason: Encountered an empty "
            + "component.");
    badRequest(s.post("/v2.0/networks", Map.of("network", map("dns_domain", 7))),
        "Invalid input for dns_domain. Reason: Input value 7 must be string type.");
    assertThat(s.delete("/v2.0/networks/" + id).status()).isEqualTo(204);
  }

  @Test
  void portNamesAndAssignments() {
    String[] ns = s.networkWithSubnet("10.20.0.0/24");
    var named = created(port("network_id", ns[0], "dns_name", "VM1",
        "fixed_ips", List.of(Map.of("ip_address", "10.20.0.5"))));
    assertThat(named).containsEntry("dns_name", "vm1").containsEntry("dns_domain", "")
        .containsEntry("dns_assignment", List.of(assigned("10.20.0.5", "vm1", "vm1.example.org.")));
    String id = (String) named.get("id");

    var unnamed = created(port("network_id", ns[0], "fixed_ips", List.of(Map.of("ip_address", "10.20.0.6"))));
    assertThat(unnamed).containsEntry("dns_name", "").containsEntry("dns_assignment",
        List.of(assigned("10.20.0.6", "host-10-20-0-6", "host-10-20-0-6.example.org.")));

    var fqdn = created(port("network_id", ns[0], "dns_name", "db.example.org.",
        "fixed_ips", List.of(Map.of("ip_address", "10.20.0.7"))));
    assertThat(fqdn.get("dns_assignment")).isEqualTo(
        List.of(assigned("10.20.0.7", "db.example.org.", "db.example.org.")));

    var renamed = s.put("/v2.0/ports/" + id, Map.of("port", map("dns_name", "vm2",
        "fixed_ips", List.of(Map.of("ip_address", "10.20.0.9")))));
    assertThat(renamed.status()).as(renamed.raw().body()).isEqualTo(200);
    assertThat(renamed.member("port")).containsEntry("dns_name", "vm2")
        .containsEntry("dns_assignment", List.of(assigned("10.20.0.9", "vm2", "vm2.example.org.")));
    var domain = s.put("/v2.0/ports/" + id, Map.of("port", map("dns_domain", "ports.example.com.")));
    assertThat(domain.member("port")).containsEntry("dns_name", "vm2").containsEntry("dns_domain", "ports.example.com.");
    var cleared = s.put("/v2.0/ports/" + id, Map.of("port", map("dns_name", "")));
    assertThat(cleared.member("port")).containsEntry("dns_name", "").containsEntry("dns_domain", "ports.example.com.")
        .containsEntry("dns_assignment", List.of(assigned("10.20.0.9", "host-10-20-0-9", "host-10-20-0-9.example.org.")));
    assertThat(s.get("/v2.0/ports?network_id=" + ns[0]).list("ports"))
        .extracting(p -> p.get("dns_name")).containsExactlyInAnyOrder("", "", "db.example.org.");

    // A port whose name is given later, and one with only a domain.
    var later = s.put("/v2.0/ports/" + unnamed.get("id"), Map.of("port", map("dns_name", "late")));
    assertThat(later.member("port")).containsEntry("dns_name", "late");
    var domainOnly = created(port("network_id", ns[0], "dns_domain", "d.example.com."));
    assertThat(domainOnly).containsEntry("dns_name", "").containsEntry("dns_domain", "d.example.com.");
    assertThat(s.delete("/v2.0/ports/" + id).status()).isEqualTo(204);
  }

  @Test
  void badPortNames() {
    String net = (String) s.post("/v2.0/networks", Map.of("network", map("name", "bad"))).member("network").get("id");
    badRequest(port("network_id", net, "dns_name", "vm1.other.org."),
        "Invalid input for dns_name. Reason: The dns_name passed is a FQDN. Its higher level labels must be "
            + "equal to the dns_domain option in neutron.conf, that has been set to 'example.org'. It must also "
            + "include one or more valid DNS labels to the left of 'example.org'.");
    badRequest(port("network_id", net, "dns_name", "-vm"),
        "Invalid input for dns_name. Reason: '-vm' not a valid PQDN or FQDN. Reason: Name '-vm' must not "
            + "start or end with a hyphen.");
    String longName = String.join(".", List.of("a".repeat(60), "b".repeat(60), "c".repeat(60), "d".repeat(60)));
    badRequest(port("network_id", net, "dns_name", longName),
        "Invalid input for dns_name. Reason: The dns_name passed is a PQDN and its size is '243'. The "
            + "dns_domain option in neutron.conf is set to example.org, with a length of '13'. When the two are "
            + "concatenated to form a FQDN (with a '.' at the end), the resulting length exceeds the maximum "
            + "size of '255'.");
    badRequest(port("network_id", net, "dns_domain", "example.com"),
        "Invalid input for dns_domain. Reason: 'example.com' is not a FQDN.");
    assertThat(s.get("/v2.0/ports?network_id=" + net).list("ports")).isEmpty();
  }

  @Test
  void assignmentOfIpv6Addresses() {
    String[] ns = s.networkWithSubnet("2001:db8:20::/64");
    var p = created(port("network_id", ns[0], "fixed_ips", List.of(Map.of("ip_address", "2001:db8:20::5"))));
    assertThat(p.get("dns_assignment")).isEqualTo(List.of(
        assigned("2001:db8:20::5", "host-2001-db8-20--5", "host-2001-db8-20--5.example.org.")));
  }
}
