package io.neutrino.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.lib.context.RequestContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class ChecksTest {
  private final Map<String, Map<String, Object>> networks = new HashMap<>();
  private final List<String> lookups = new ArrayList<>();
  private final BiFunction<String, String, Map<String, Object>> lookup = (type, id) -> {
    lookups.add(type + "/" + id);
    return type.equals("network") ? networks.get(id) : null;
  };

  private static final RequestContext P1 = new RequestContext("u1", "p1", List.of("member"), false, "r");
  private static final RequestContext P2 = new RequestContext("u2", "p2", List.of("member"), false, "r");

  private Enforcer enforcer(String rule) {
    // enforceNewDefaults=true: no legacy is_admin shortcut, so is_admin checks are evaluated
    return new Enforcer(Map.of("rule_under_test", rule, "other", "role:member"), Optional.empty(),
        List.of(), lookup, true);
  }

  private boolean check(String rule, Map<String, Object> target, RequestContext ctx) {
    return enforcer(rule).check("rule_under_test", target, ctx);
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void genericCheckComparesCredentialWithFormattedTarget() {
    String rule = "project_id:%(project_id)s";
    assertThat(check(rule, map("project_id", "p1"), P1)).isTrue();
    assertThat(check(rule, map("project_id", "p1"), P2)).isFalse();
    assertThat(check(rule, map("name", "x"), P1)).as("missing target key").isFalse();
    assertThat(check("user_id:%(user_id)s", map("user_id", "u1"), P1)).isTrue();
    assertThat(check("project_id:p1", map(), P1)).as("literal right side").isTrue();
    assertThat(check("project_id:%(project_id)s-x", map("project_id", "p1"), P1)).isFalse();
    assertThat(check("tenant:%(owner)s", map("owner", "p1"), P1)).as("legacy alias").isTrue();
    assertThat(check("nosuchcred:%(project_id)s", map("project_id", "p1"), P1)).isFalse();
  }

  @Test
  void genericCheckLeftLiteralsAndPythonStr() {
    assertThat(check("True:%(shared)s", map("shared", true), P1)).isTrue();
    assertThat(check("True:%(shared)s", map("shared", false), P1)).isFalse();
    assertThat(check("'p1':%(project_id)s", map("project_id", "p1"), P1)).isTrue();
    assertThat(check("1500:%(mtu)s", map("mtu", 1500), P1)).isTrue();
    assertThat(check("None:%(x)s", map("x", null), P1)).isTrue();
  }

  @Test
  void isAdminAndRolesFromCredentials() {
    RequestContext admin = new RequestContext("a", "p0", List.of("admin"), true, "r");
    assertThat(check("is_admin:True", map(), admin)).isTrue();
    assertThat(check("is_admin:True", map(), P1)).isFalse();
    assertThat(check("roles:member", map(), P1)).as("list in creds").isTrue();
    assertThat(check("roles:admin", map(), P1)).isFalse();
    assertThat(check("role:MEMBER", map(), P1)).as("role is case-insensitive").isTrue();
    assertThat(check("role:%(needed)s", map("needed", "member"), P1)).isTrue();
    assertThat(check("role:%(needed)s", map(), P1)).isFalse();
  }

  @Test
  void dottedTargetAttributesLiteralOrNested() {
    assertThat(check("user_id:%(user.id)s", map("user.id", "u1"), P1)).isTrue();
    assertThat(check("user_id:%(user.id)s", map("user", map("id", "u1")), P1)).isTrue();
    assertThat(check("user_id:%(user.id)s", map("user", map("id", "u2")), P1)).isFalse();
    assertThat(check("user_id:%(user.name)s", map("user", map("id", "u1")), P1)).isFalse();
  }

  @Test
  void ruleReferencesAndTheDefaultFallback() {
    Enforcer e = new Enforcer(Map.of("a", "rule:b", "b", "role:member", "c", "rule:nosuch",
        "loop1", "rule:loop2", "loop2", "rule:loop1"), Optional.empty(), List.of(), null, true);
    assertThat(e.check("a", map(), P1)).isTrue();
    assertThat(e.check("c", map(), P1)).as("undefined rule without default").isFalse();
    assertThat(e.check("loop1", map(), P1)).as("cycle fails closed").isFalse();
    Enforcer withDefault = new Enforcer(Map.of("c", "rule:nosuch", "default", "role:member"),
        Optional.empty(), List.of(), null, true);
    assertThat(withDefault.check("c", map(), P1)).isTrue();
    assertThat(withDefault.check("undefined_action", map(), P1)).isTrue();
    assertThat(withDefault.check("undefined_action", map(), P1.withProject("p9"))).isTrue();
    assertThat(withDefault.check("c", map(), new RequestContext("u", "p", List.of(), false, "r")))
        .isFalse();
  }

  @Test
  void fieldCheckConvertsBooleansAndNumbersAndMatchesRegexes() {
    assertThat(check("field:networks:shared=True", map("shared", true), P1)).isTrue();
    assertThat(check("field:networks:shared=True", map("shared", false), P1)).isFalse();
    assertThat(check("field:networks:shared=False", map("shared", false), P1)).isTrue();
    assertThat(check("field:networks:router:external=True", map("router:external", true), P1))
        .isTrue();
    assertThat(check("field:networks:mtu=1500", map("mtu", 1500), P1)).isTrue();
    assertThat(check("field:networks:name=web", map("name", "web"), P1)).isTrue();
    assertThat(check("field:networks:name=web", map("name", null), P1)).isFalse();
    assertThat(check("field:port:device_owner=~^network:", map("device_owner", "network:dhcp"), P1))
        .isTrue();
    assertThat(check("field:port:device_owner=~^network:", map("device_owner", "compute:nova"), P1))
        .isFalse();
    assertThat(check("field:port:device_owner=~network", map("device_owner", "x-network"), P1))
        .as("re.match anchors at the start").isFalse();
  }

  @Test
  void fieldSharedOnAChildResourceReadsTheNetwork() {
    networks.put("n1", map("id", "n1", "tenant_id", "p2", "shared", true));
    networks.put("n2", map("id", "n2", "tenant_id", "p2", "shared", false));
    assertThat(check("field:networks:shared=True", map("network_id", "n1"), P1)).isTrue();
    assertThat(check("field:networks:shared=True", map("network_id", "n2"), P1)).isFalse();
    assertThat(check("field:networks:shared=True", map("network_id", "n3"), P1)).isFalse();
    assertThat(check("field:networks:shared=True", map(), P1)).isFalse();
  }

  @Test
  void ownerCheckOnTheTargetItself() {
    String rule = "tenant_id:%(tenant_id)s";
    assertThat(check(rule, map("tenant_id", "p1"), P1)).isTrue();
    assertThat(check(rule, map("tenant_id", "p1"), P2)).isFalse();
    assertThat(check(rule, map("project_id", "p1"), P1)).as("project_id stands in").isTrue();
    assertThat(check(rule, map(), P1)).isFalse();
    assertThat(lookups).isEmpty();
  }

  @Test
  void ownerCheckOfTheParentNetworkUsesTheLookupAndCachesIt() {
    networks.put("n1", map("id", "n1", "tenant_id", "p1"));
    networks.put("n2", map("id", "n2", "project_id", "p2"));
    Enforcer e = enforcer("tenant_id:%(network:tenant_id)s");
    assertThat(e.check("rule_under_test", map("network_id", "n1", "tenant_id", "p9"), P1)).isTrue();
    assertThat(e.check("rule_under_test", map("network_id", "n1"), P2)).isFalse();
    assertThat(e.check("rule_under_test", map("network_id", "n2"), P2)).isTrue();
    assertThat(e.check("rule_under_test", map("network_id", "nx"), P1)).isFalse();
    assertThat(e.check("rule_under_test", map("name", "no network"), P1)).isFalse();
    assertThat(lookups).containsExactly("network/n1", "network/n2", "network/nx");
    assertThat(check("tenant_id:%(network_tenant_id)s", map("network_id", "n1"), P1))
        .as("underscore separator").isTrue();
    assertThat(check("tenant_id:%(router:tenant_id)s", map("router_id", "r1"), P1))
        .as("no foreign key known for routers").isFalse();
    assertThat(check("tenant_id:%(network:tenant_id)s", map("network:tenant_id", "p1"), P1))
        .as("value already in the target").isTrue();
  }

  @Test
  void lookupFailureDeniesInsteadOfThrowing() {
    Enforcer e = new Enforcer(Map.of("r", "tenant_id:%(network:tenant_id)s"), Optional.empty(),
        List.of(), (t, id) -> {
          throw new IllegalStateException("db down");
        }, true);
    assertThat(e.check("r", map("network_id", "n1"), P1)).isFalse();
  }
}
