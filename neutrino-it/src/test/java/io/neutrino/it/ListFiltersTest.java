package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The list filters three extensions announce: filter-validation (a key that is not a filter is a
 * 400), empty-string-filtering ({@code name=} matches the empty name) and ip-substring-filtering
 * ({@code fixed_ips=ip_address_substr=…} on ports).
 */
class ListFiltersTest {
  static TestServer s;
  static final String[] PF = {"X-Project-Id", "pfilters"};

  @BeforeAll
  static void start() {
    s = TestServer.start();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  @SuppressWarnings("unchecked")
  private static String message(TestServer.Reply r) {
    return (String) ((Map<String, Object>) r.body().get("NeutronError")).get("message");
  }

  private static List<Object> ids(String path, String collection) {
    var r = s.get(path, PF);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
    return r.list(collection).stream().map(x -> x.get("id")).toList();
  }

  @Test
  void theExtensionsAreListed() {
    for (String alias : List.of("filter-validation", "empty-string-filtering", "ip-substring-filtering")) {
      assertThat(s.get("/v2.0/extensions/" + alias).status()).as(alias).isEqualTo(200);
    }
  }

  @Test
  void aKeyThatIsNotAFilterIs400() {
    var bogus = s.get("/v2.0/networks?bogus=1&name=x", PF);
    assertThat(bogus.status()).isEqualTo(400);
    assertThat(bogus.errorType()).isEqualTo("HTTPBadRequest");
    assertThat(message(bogus)).isEqualTo("['bogus'] is invalid attribute for filtering");
    // Visible but not a filter (neutron-lib: no is_filter on subnets' allocation_pools).
    assertThat(s.get("/v2.0/subnets?allocation_pools=x", PF).status()).isEqualTo(400);
    // Paging, sorting and fields are not filters, and are accepted.
    assertThat(s.get("/v2.0/networks?fields=id&limit=1&sort_key=name&sort_dir=asc", PF).status())
        .isEqualTo(200);
  }

  @Test
  void anEmptyValueMatchesTheEmptyString() {
    String unnamed = (String) s.post("/v2.0/networks", Map.of("network", Map.of("name", "")), PF)
        .member("network").get("id");
    String named = (String) s.post("/v2.0/networks", Map.of("network", Map.of("name", "named")), PF)
        .member("network").get("id");
    assertThat(ids("/v2.0/networks?name=", "networks")).contains(unnamed).doesNotContain(named);
    assertThat(ids("/v2.0/networks?name=named", "networks")).containsExactly(named);
  }

  @Test
  void portsByASubstringOfTheirAddress() {
    String[] ns = s.networkWithSubnet("10.77.3.0/24");
    String a = port(ns[0], "10.77.3.15");
    String b = port(ns[0], "10.77.3.25");
    assertThat(ids("/v2.0/ports?network_id=" + ns[0] + "&fixed_ips=ip_address_substr%3D3.15", "ports"))
        .containsExactly(a);
    assertThat(ids("/v2.0/ports?network_id=" + ns[0] + "&fixed_ips=ip_address_substr%3D3.2", "ports"))
        .containsExactly(b);
    assertThat(ids("/v2.0/ports?network_id=" + ns[0] + "&fixed_ips=ip_address_substr%3D10.77.3.", "ports"))
        .containsExactlyInAnyOrder(a, b);
    assertThat(ids("/v2.0/ports?network_id=" + ns[0] + "&fixed_ips=ip_address_substr%3D99", "ports"))
        .isEmpty();
  }

  private static String port(String network, String ip) {
    var p = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", network, "project_id", "pfilters",
        "fixed_ips", List.of(Map.of("ip_address", ip)))));
    assertThat(p.status()).as(p.raw().body()).isEqualTo(201);
    return (String) p.member("port").get("id");
  }
}
