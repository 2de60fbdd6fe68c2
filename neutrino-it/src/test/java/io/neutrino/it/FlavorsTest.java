package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Flavors and service profiles (flavors, a default service plugin), with a configured service
 * provider for next_providers; and which service plugins' extensions a server lists.
 */
class FlavorsTest {
  static TestServer s;
  static final String DRIVER = "neutron.services.ovn_l3.service_providers.ovn.OvnDriver";
  static final String[] USER = {"X-Project-Id", "p1", "X-Roles", "reader,member"};

  @BeforeAll
  static void start() {
    s = TestServer.start(Map.of("DEFAULT", Map.of("service_plugins", "router"),
        "service_providers", Map.of("service_provider", "L3_ROUTER_NAT:ovn:" + DRIVER)));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static String profile(Map<String, Object> body) {
    var r = s.post("/v2.0/service_profiles", Map.of("service_profile", body));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return (String) r.member("service_profile").get("id");
  }

  @Test
  void extensionsFollowTheLoadedPlugins() {
    List<Object> aliases = s.get("/v2.0/extensions").list("extensions").stream()
        .map(e -> e.get("alias")).toList();
    assertThat(aliases).contains("flavors", "service-type", "router")
        .doesNotContain("qos", "trunk", "trunk-details", "qos-default", "metering");
  }

  @Test
  void flavors() {
    var r = s.post("/v2.0/flavors", Map.of("flavor", Map.of("name", "gold", "service_type", "L3_ROUTER_NAT")));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    var f = r.member("flavor");
    assertThat(f).containsEntry("name", "gold").containsEntry("description", "")
        .containsEntry("enabled", true).containsEntry("service_type", "L3_ROUTER_NAT")
        .containsEntry("service_profiles", List.of()).doesNotContainKey("tenant_id");
    String id = (String) f.get("id");
    var bad = s.post("/v2.0/flavors", Map.of("flavor", Map.of("service_type", "QOS")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.errorType()).isEqualTo("InvalidServiceType");
    assertThat(s.post("/v2.0/flavors", Map.of("flavor", Map.of("name", "x", "service_type", "L3_ROUTER_NAT")), USER)
        .status()).isEqualTo(403);
    assertThat(s.get("/v2.0/flavors/" + id, USER).status()).as("readers see flavors").isEqualTo(200);
    var up = s.put("/v2.0/flavors/" + id, Map.of("flavor", Map.of("enabled", false, "description", "d")));
    assertThat(up.member("flavor")).containsEntry("enabled", false).containsEntry("description", "d");
    assertThat(s.put("/v2.0/flavors/" + id, Map.of("flavor", Map.of("service_type", "METERING"))).status())
        .isEqualTo(400);
    assertThat(s.get("/v2.0/flavors?name=gold").list("flavors")).extracting(x -> x.get("id")).contains(id);
    assertThat(s.delete("/v2.0/flavors/" + id).status()).isEqualTo(204);
    var gone = s.get("/v2.0/flavors/" + id);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.errorType()).isEqualTo("FlavorNotFound");
  }

  @Test
  void serviceProfilesAndAssociations() {
    var empty = s.post("/v2.0/service_profiles", Map.of("service_profile", Map.of("description", "x")));
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.errorType()).isEqualTo("ServiceProfileEmpty");
    var unknown = s.post("/v2.0/service_profiles", Map.of("service_profile", Map.of("driver", "nope")));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorType()).isEqualTo("ServiceProfileDriverNotFound");
    assertThat(s.get("/v2.0/service_profiles", USER).list("service_profiles")).isEmpty();
    String meta = profile(Map.of("metainfo", "{'a': 1}"));
    String sp = profile(Map.of("driver", DRIVER));
    assertThat(s.get("/v2.0/service_profiles/" + sp).member("service_profile"))
        .containsEntry("driver", DRIVER).containsEntry("enabled", true).doesNotContainKey("flavors");
    String flavor = (String) s.post("/v2.0/flavors", Map.of("flavor", Map.of("service_type", "L3_ROUTER_NAT")))
        .member("flavor").get("id");
    String fsp = "/v2.0/flavors/" + flavor + "/service_profiles";
    var none = s.get("/v2.0/flavors/" + flavor + "/next_providers");
    assertThat(none.status()).isEqualTo(404);
    assertThat(none.errorType()).isEqualTo("FlavorServiceProfileBindingNotFound");
    var assoc = s.post(fsp, Map.of("service_profile", Map.of("id", sp)));
    assertThat(assoc.status()).as(assoc.raw().body()).isEqualTo(201);
    assertThat(assoc.member("service_profile")).containsEntry("id", sp);
    assertThat(s.post(fsp, Map.of("service_profile", Map.of("id", sp))).errorType())
        .isEqualTo("FlavorServiceProfileBindingExists");
    assertThat(s.post(fsp, Map.of("service_profile", Map.of("id", "a6f7c6c6-3c7e-4d33-9f8e-5f0b2a2e1a11")))
        .errorType()).isEqualTo("ServiceProfileNotFound");
    assertThat(s.get("/v2.0/flavors/" + flavor).member("flavor")).containsEntry("service_profiles", List.of(sp));
    assertThat(s.get(fsp + "/" + sp).status()).isEqualTo(200);
    assertThat(s.get(fsp + "/" + meta).errorType()).isEqualTo("FlavorServiceProfileBindingNotFound");
    assertThat(s.get("/v2.0/flavors/" + flavor + "/next_providers").list("next_providers"))
        .containsExactly(Map.of("driver", DRIVER, "provider", "ovn"));
    var inUse = s.delete("/v2.0/service_profiles/" + sp);
    assertThat(inUse.status()).isEqualTo(409);
    assertThat(inUse.errorType()).isEqualTo("ServiceProfileInUse");
    assertThat(s.put("/v2.0/service_profiles/" + sp, Map.of("service_profile", Map.of("enabled", false)))
        .errorType()).isEqualTo("ServiceProfileInUse");
    assertThat(s.delete(fsp + "/" + sp).status()).isEqualTo(204);
    assertThat(s.delete(fsp + "/" + sp).errorType()).isEqualTo("FlavorServiceProfileBindingNotFound");
    assertThat(s.put("/v2.0/service_profiles/" + sp, Map.of("service_profile", Map.of("enabled", false)))
        .member("service_profile")).containsEntry("enabled", false);
    s.post(fsp, Map.of("service_profile", Map.of("id", sp)));
    var disabled = s.get("/v2.0/flavors/" + flavor + "/next_providers");
    assertThat(disabled.status()).isEqualTo(503);
    assertThat(disabled.errorType()).isEqualTo("ServiceProfileDisabled");
    assertThat(s.delete("/v2.0/flavors/" + flavor).status()).as("bindings go with the flavor").isEqualTo(204);
    assertThat(s.delete("/v2.0/service_profiles/" + sp).status()).isEqualTo(204);
    assertThat(s.get("/v2.0/service_profiles/" + sp).errorType()).isEqualTo("ServiceProfileNotFound");
  }
}
