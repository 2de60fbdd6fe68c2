package io.neutrino.it;

import static io.neutrino.it.AgentFixtures.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The availability zones agents report, and hints on networks and routers, as Neutron Zed. */
class AvailabilityZonesTest {
  static TestServer s;

  @BeforeAll
  static void start() {
    s = TestServer.start(Map.of("DEFAULT", Map.of("service_plugins", "router")));
    AgentFixtures.dhcp(s, "z-dhcp-a", "az-a");
    AgentFixtures.l3(s, "z-l3-a", "az-a", Map.of());
    AgentFixtures.setAdminState(s, AgentFixtures.dhcp(s, "z-dhcp-b", "az-b"), false);
    AgentFixtures.report(s, "Linux bridge agent", "z-lb", "az-c", Map.of());
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static List<Map<String, Object>> zones(String query, String... headers) {
    var r = s.get("/v2.0/availability_zones" + query, headers);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
    return r.list("availability_zones");
  }

  @Test
  void zonesAreListedPerResourceTypeWithTheirState() {
    assertThat(zones("")).containsExactlyInAnyOrder(
        Map.of("name", "az-a", "resource", "network", "state", "available"),
        Map.of("name", "az-a", "resource", "router", "state", "available"),
        Map.of("name", "az-b", "resource", "network", "state", "unavailable"));
    assertThat(zones("", MEMBER)).hasSize(3);
  }

  @Test
  void zonesCanBeFiltered() {
    assertThat(zones("?resource=router")).containsExactly(
        Map.of("name", "az-a", "resource", "router", "state", "available"));
    assertThat(zones("?state=unavailable")).extracting(z -> z.get("name")).containsExactly("az-b");
    assertThat(zones("?name=az-a&resource=network")).hasSize(1);
    assertThat(zones("?name=az-z")).isEmpty();
  }

  @Test
  void agentsShowTheirZone() {
    var agents = s.get("/v2.0/agents?host=z-l3-a").list("agents");
    assertThat(agents).singleElement().satisfies(a -> assertThat(a).containsEntry("availability_zone", "az-a"));
  }

  @Test
  void hintsMustNameAZoneOfTheResourceType() {
    int before = s.get("/v2.0/networks").list("networks").size();
    var net = s.post("/v2.0/networks", Map.of("network",
        Map.of("name", "h", "availability_zone_hints", List.of("az-a", "az-nope"))));
    assertThat(net.status()).isEqualTo(404);
    assertThat(net.errorType()).isEqualTo("AvailabilityZoneNotFound");
    assertThat(s.get("/v2.0/networks").list("networks")).hasSize(before);
    // A zone of disabled agents is still a zone; a router zone is not a network zone.
    var ok = s.post("/v2.0/networks", Map.of("network",
        Map.of("name", "h", "availability_zone_hints", List.of("az-b"))));
    assertThat(ok.status()).isEqualTo(201);
    assertThat(ok.member("network")).containsEntry("availability_zone_hints", List.of("az-b"))
        .containsEntry("availability_zones", List.of());
    var router = s.post("/v2.0/routers", Map.of("router",
        Map.of("name", "h", "availability_zone_hints", List.of("az-b"))));
    assertThat(router.status()).isEqualTo(404);
    assertThat(router.errorType()).isEqualTo("AvailabilityZoneNotFound");
    var good = s.post("/v2.0/routers", Map.of("router",
        Map.of("name", "h", "availability_zone_hints", List.of("az-a"))));
    assertThat(good.status()).isEqualTo(201);
    assertThat(good.member("router")).containsEntry("availability_zone_hints", List.of("az-a"));
  }

  @Test
  void theExtensionsAreListed() {
    for (String alias : List.of("availability_zone", "availability_zone_filter",
        "network_availability_zone", "router_availability_zone")) {
      assertThat(s.get("/v2.0/extensions/" + alias).status()).as(alias).isEqualTo(200);
    }
  }
}
