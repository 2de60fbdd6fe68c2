package io.neutrino.server.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neutrino.lib.apidef.AttributeSpec;
import io.neutrino.lib.apidef.Network;
import io.neutrino.lib.apidef.Port;
import io.neutrino.lib.apidef.ResourceDef;
import io.neutrino.lib.apidef.Subnet;
import io.neutrino.lib.apidef.Subnetpool;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.fault.NeutronException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ZedDefaultsTest {
  private static final Map<String, ResourceDef> DEFS = Map.of(
      "networks", Network.definition(), "subnets", Subnet.definition(),
      "ports", Port.definition(), "subnetpools", Subnetpool.definition());

  private final Map<String, Map<String, Object>> networks = new HashMap<>();
  private final AtomicInteger lookups = new AtomicInteger();

  private Enforcer zed(boolean newDefaults) {
    return Enforcer.neutronZed(newDefaults, Optional.empty(), List.of(), (type, id) -> {
      lookups.incrementAndGet();
      return type.equals("network") ? networks.get(id) : null;
    }).withResourceDefinitions(DEFS::get);
  }

  static RequestContext user(String project, String... roles) {
    return new RequestContext("user-" + project, project, List.of(roles), false, "req");
  }

  static final RequestContext ADMIN =
      new RequestContext("admin", "admin-project", List.of("admin", "member", "reader"), true, "req");

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** A network POST body after defaults were filled, as the API hands it to the policy. */
  static Map<String, Object> newNetwork(String project, Object... extra) {
    Map<String, Object> m = map("name", "net", "admin_state_up", true, "project_id", project,
        "tenant_id", project, "shared", false, "router:external", AttributeSpec.NOT_SPECIFIED,
        "port_security_enabled", true, "provider:network_type", AttributeSpec.NOT_SPECIFIED);
    m.putAll(map(extra));
    return m;
  }

  static Map<String, Object> network(String id, String project, boolean shared) {
    return map("id", id, "name", "net-" + id, "project_id", project, "tenant_id", project,
        "shared", shared, "router:external", false, "status", "ACTIVE",
        "provider:network_type", "vxlan", "provider:physical_network", null,
        "provider:segmentation_id", 1001, "mtu", 1450);
  }

  // ------------------------------------------------------------ data

  @Test
  void allZedDefaultsAreLoadedAndParse() {
    List<DefaultPolicies.PolicyDefault> all = DefaultPolicies.neutronZedDefaults();
    assertThat(all).hasSize(262);
    for (boolean mode : new boolean[] {false, true}) {
      DefaultPolicies.neutronZed(mode).forEach((name, rule) ->
          assertThat(PolicyParser.parseStrict(rule)).as(name).isNotNull());
    }
    Map<String, String> legacy = DefaultPolicies.neutronZed(false);
    assertThat(legacy).containsEntry("context_is_admin", "role:admin")
        .containsEntry("owner", "tenant_id:%(tenant_id)s")
        .containsEntry("admin_or_owner", "rule:context_is_admin or rule:owner")
        .containsEntry("admin_or_network_owner",
            "rule:context_is_admin or tenant_id:%(network:tenant_id)s")
        .containsEntry("admin_only", "rule:context_is_admin")
        .containsEntry("regular_user", "")
        .containsEntry("shared", "field:networks:shared=True")
        .containsEntry("external", "field:networks:router:external=True")
        .containsEntry("shared_subnetpools", "field:subnetpools:shared=True")
        .containsEntry("admin_or_data_plane_int", "rule:context_is_admin or role:data_plane_integrator")
        .containsEntry("create_network:shared", "rule:admin_only")
        .containsEntry("create_subnet",
            "(rule:admin_only or role:member and rule:network_owner) or (rule:admin_or_network_owner)")
        .containsKeys("create_port:fixed_ips:ip_address", "get_port:binding:vif_details",
            "update_port:allowed_address_pairs:mac_address", "delete_subnetpool",
            "create_subnetpool:is_default", "get_network:provider:segmentation_id");
    assertThat(DefaultPolicies.neutronZed(true)).containsEntry("create_network",
        "(rule:admin_only) or (role:member and project_id:%(project_id)s)");
  }

  // ------------------------------------------------------------ legacy defaults

  @Test
  void adminMayDoEverything() {
    Enforcer e = zed(false);
    networks.put("n1", network("n1", "p1", false));
    Map<String, Object> body = newNetwork("p9", "shared", true, "router:external", true,
        "provider:network_type", "vlan");
    e.enforce("create_network", body, ADMIN);
    assertThat(e.check("get_network", network("n1", "p1", false), ADMIN)).isTrue();
    assertThat(e.hiddenAttributes("network", network("n1", "p1", false), ADMIN)).isEmpty();
    assertThat(e.check("create_port", map("network_id", "n1", "project_id", "p9",
        "fixed_ips", List.of(map("ip_address", "10.0.0.5"))), ADMIN)).isTrue();
    assertThat(e.isAdmin(ADMIN)).isTrue();
    assertThat(lookups).hasValue(0);
  }

  @Test
  void adminRoleWithoutTheShortcutStillPassesAdminRules() {
    Enforcer e = zed(true);
    RequestContext admin = new RequestContext("a", "p0", List.of("admin"), true, "r");
    assertThat(e.check("create_network", newNetwork("p9", "shared", true), admin)).isTrue();
    assertThat(e.check("get_network:provider:network_type", network("n", "p1", false), admin))
        .isTrue();
  }

  @Test
  void memberCreatesPrivateNetworksButNotSharedOnes() {
    Enforcer e = zed(false);
    RequestContext p1 = user("p1", "member");
    assertThat(e.check("create_network", newNetwork("p1"), p1)).isTrue();
    assertThat(e.check("create_network", newNetwork("p1", "shared", true), p1)).isFalse();
    assertThatThrownBy(() -> e.enforce("create_network", newNetwork("p1", "shared", true), p1))
        .isInstanceOfSatisfying(NeutronException.class, ex -> {
          assertThat(ex.type()).isEqualTo("PolicyNotAuthorized");
          assertThat(ex.status()).isEqualTo(403);
          assertThat(ex.getMessage()).isEqualTo(
              "(rule:create_network and rule:create_network:shared) is disallowed by policy");
        });
    assertThatThrownBy(() -> e.enforce("create_network",
        newNetwork("p1", "router:external", true, "provider:network_type", "vlan"), p1))
        .hasMessage("((rule:create_network and rule:create_network:router:external)"
            + " and rule:create_network:provider:network_type) is disallowed by policy");
    // shared=False is the default: not explicitly set, no attribute rule
    assertThat(Enforcer.matchRule("create_network", Network.definition(), newNetwork("p1"), null)
        .ruleNames()).containsExactly("create_network");
  }

  @Test
  void memberSeesSharedAndOwnNetworksButNotOthersPrivateOnes() {
    Enforcer e = zed(false);
    RequestContext p1 = user("p1", "member");
    assertThat(e.check("get_network", network("n1", "p1", false), p1)).isTrue();
    assertThat(e.check("get_network", network("n2", "p2", true), p1)).isTrue();
    assertThat(e.check("get_network", network("n3", "p2", false), p1)).isFalse();
    Map<String, Object> ext = network("n4", "p2", false);
    ext.put("router:external", true);
    assertThat(e.check("get_network", ext, p1)).isTrue();
    assertThatThrownBy(() -> e.enforce("get_network", network("n3", "p2", false), p1))
        .hasMessage("rule:get_network is disallowed by policy");
  }

  @Test
  void memberDoesNotSeeProviderAttributes() {
    Enforcer e = zed(false);
    Map<String, Object> net = network("n1", "p1", false);
    net.put("segments", List.of());
    assertThat(e.hiddenAttributes("network", net, user("p1", "member"))).containsExactlyInAnyOrder(
        "provider:network_type", "provider:physical_network", "provider:segmentation_id",
        "segments");
    assertThat(e.hiddenAttributes(Network.definition(), map("id", "n1", "secret", 1,
        "provider:network_type", "vxlan", "tenant_id", "p1", "project_id", "p1"),
        user("p1", "member"))).containsExactly("secret", "provider:network_type");
  }

  @Test
  void networkOwnerCreatesSubnetsOnItOthersMayNot() {
    Enforcer e = zed(false);
    networks.put("n1", network("n1", "p1", false));
    Map<String, Object> subnet = map("network_id", "n1", "project_id", "p1", "tenant_id", "p1",
        "cidr", "10.0.0.0/24", "ip_version", 4, "enable_dhcp", true);
    assertThat(e.check("create_subnet", subnet, user("p1", "member"))).isTrue();
    Map<String, Object> foreign = new LinkedHashMap<>(subnet);
    foreign.put("project_id", "p2");
    foreign.put("tenant_id", "p2");
    assertThat(e.check("create_subnet", foreign, user("p2", "member"))).isFalse();
    // the subnet of a shared network is visible to everybody
    networks.put("n2", network("n2", "p1", true));
    assertThat(e.check("get_subnet", map("id", "s2", "network_id", "n2", "project_id", "p1",
        "tenant_id", "p1"), user("p2", "member"))).isTrue();
    assertThat(e.check("get_subnet", map("id", "s1", "network_id", "n1", "project_id", "p1",
        "tenant_id", "p1"), user("p2", "member"))).isFalse();
  }

  @Test
  void portOnAnotherProjectsSharedNetworkButNotWithAFixedAddress() {
    Enforcer e = zed(false);
    networks.put("n1", network("n1", "p1", true));
    RequestContext p2 = user("p2", "member");
    Map<String, Object> port = map("network_id", "n1", "project_id", "p2", "tenant_id", "p2",
        "admin_state_up", true, "mac_address", AttributeSpec.NOT_SPECIFIED, "device_owner", "",
        "binding:vnic_type", "normal", "fixed_ips", List.of(map("subnet_id", "s1")));
    assertThat(e.check("create_port", port, p2)).isTrue();
    port.put("fixed_ips", List.of(map("subnet_id", "s1", "ip_address", "10.0.0.7")));
    assertThat(e.check("create_port", port, p2)).isFalse();
    assertThatThrownBy(() -> e.enforce("create_port", port, p2)).hasMessage(
        "(rule:create_port and (rule:create_port:fixed_ips and (rule:create_port:fixed_ips:subnet_id"
            + " and rule:create_port:fixed_ips:ip_address))) is disallowed by policy");
    // the network owner may pick the address
    port.put("project_id", "p1");
    port.put("tenant_id", "p1");
    assertThat(e.check("create_port", port, user("p1", "member"))).isTrue();
    // a private network of somebody else: no fixed_ips allowed at all
    networks.put("n3", network("n3", "p1", false));
    Map<String, Object> other = map("network_id", "n3", "project_id", "p2", "tenant_id", "p2",
        "fixed_ips", List.of(map("subnet_id", "s3")));
    assertThat(e.check("create_port", other, p2)).isFalse();
    // network device owners only for the network owner
    Map<String, Object> dhcp = map("network_id", "n1", "project_id", "p2", "tenant_id", "p2",
        "device_owner", "network:dhcp");
    assertThat(e.check("create_port", dhcp, p2)).isFalse();
    dhcp.put("device_owner", "compute:nova");
    assertThat(e.check("create_port", dhcp, p2)).isTrue();
    assertThat(e.check("create_port", map("network_id", "n1", "project_id", "p2",
        "binding:host_id", "host1"), p2)).isFalse();
  }

  @Test
  void updatesCheckOnlyTheAttributesBeingUpdated() {
    Enforcer e = zed(false);
    RequestContext p1 = user("p1", "member");
    Map<String, Object> net = network("n1", "p1", false);
    net.put("name", "renamed");
    net.put(AttributeRules.ATTRIBUTES_TO_UPDATE, List.of("name"));
    assertThat(e.check("update_network", net, p1)).isTrue();
    Map<String, Object> sharing = network("n1", "p1", false);
    sharing.put(AttributeRules.ATTRIBUTES_TO_UPDATE, List.of("shared"));
    assertThat(e.check("update_network", sharing, p1)).as("even setting it to its default")
        .isFalse();
    assertThat(Enforcer.matchRule("update_network", Network.definition(), network("n1", "p1", true),
        List.of("shared", "name")).attributeRules()).containsExactly("update_network:shared");
    assertThat(e.check("update_network", net, user("p2", "member"))).isFalse();
    assertThat(e.check("delete_network", network("n1", "p1", false), p1)).isTrue();
    assertThat(e.check("delete_network", network("n1", "p1", false), user("p2", "member")))
        .isFalse();
  }

  @Test
  void portsAreVisibleToTheirNetworksOwner() {
    Enforcer e = zed(false);
    networks.put("n1", network("n1", "p1", false));
    Map<String, Object> port = map("id", "port1", "network_id", "n1", "project_id", "p2",
        "tenant_id", "p2", "binding:host_id", "host1", "binding:vif_type", "ovs");
    assertThat(e.check("get_port", port, user("p1", "member"))).isTrue();
    assertThat(e.check("get_port", port, user("p3", "member"))).isFalse();
    assertThat(e.hiddenAttributes("port", port, user("p2", "member")))
        .containsExactlyInAnyOrder("binding:host_id", "binding:vif_type");
  }

  @Test
  void subnetpools() {
    Enforcer e = zed(false);
    RequestContext p1 = user("p1", "member");
    Map<String, Object> pool = map("name", "pool", "project_id", "p1", "tenant_id", "p1",
        "prefixes", List.of("10.0.0.0/8"), "shared", false, "is_default", false);
    assertThat(e.check("create_subnetpool", pool, p1)).isTrue();
    pool.put("shared", true);
    assertThat(e.check("create_subnetpool", pool, p1)).isFalse();
    assertThat(e.check("get_subnetpool", pool, user("p2"))).as("shared pool").isTrue();
    pool.put("shared", false);
    assertThat(e.check("get_subnetpool", pool, user("p2"))).isFalse();
  }

  @Test
  void legacyModeStillHonoursTheNewPersonaStrings() {
    Enforcer e = zed(false);
    // the deprecated rule (regular_user) and the new one are or-ed: a reader may create
    assertThat(e.check("create_network", newNetwork("p1"), user("p1", "reader"))).isTrue();
    assertThat(e.check("get_network", network("n1", "p1", false), user("p1"))).isTrue();
  }

  // ------------------------------------------------------------ new defaults

  @Test
  void newDefaultsReaderMayGetButNotCreate() {
    Enforcer e = zed(true);
    RequestContext reader = user("p1", "reader");
    assertThat(e.check("get_network", network("n1", "p1", false), reader)).isTrue();
    assertThat(e.check("create_network", newNetwork("p1"), reader)).isFalse();
    assertThat(e.check("update_network", network("n1", "p1", false), reader)).isFalse();
    RequestContext member = user("p1", "member", "reader");
    assertThat(e.check("create_network", newNetwork("p1"), member)).isTrue();
    assertThat(e.check("create_network", newNetwork("p2"), member)).as("other project").isFalse();
    assertThat(e.check("get_network", network("n1", "p1", false), user("p1"))).as("no role")
        .isFalse();
    assertThat(e.check("get_network", network("n2", "p2", true), user("p1"))).isTrue();
  }

  @Test
  void newDefaultsIgnoreTheIsAdminFlagWithoutTheRole() {
    Enforcer e = zed(true);
    RequestContext flagged = new RequestContext("u", "p1", List.of("member"), true, "r");
    assertThat(e.check("create_network", newNetwork("p1", "shared", true), flagged)).isFalse();
  }

  @Test
  void isAdminEvaluatesContextIsAdmin() {
    Enforcer e = zed(false);
    assertThat(e.isAdmin("u", "p", List.of("Admin"))).isTrue();
    assertThat(e.isAdmin("u", "p", List.of("member"))).isFalse();
    assertThat(e.isAdvsvc(user("p", "advsvc"))).isTrue();
  }

  // ------------------------------------------------------------ performance

  @Test
  void filteringAThousandPortsIsCheapAndLooksEachNetworkUpOnce() {
    Enforcer e = zed(false);
    for (int n = 0; n < 10; n++) {
      networks.put("n" + n, network("n" + n, n == 0 ? "p1" : "p9", false));
    }
    List<Map<String, Object>> ports = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      ports.add(map("id", "port" + i, "network_id", "n" + (i % 10),
          "project_id", i < 500 ? "p1" : "p7", "tenant_id", i < 500 ? "p1" : "p7",
          "name", "", "mac_address", "fa:16:3e:00:00:01", "binding:host_id", "h",
          "binding:vif_type", "ovs", "binding:vif_details", map(), "binding:profile", map(),
          "fixed_ips", List.of(), "device_owner", "", "status", "ACTIVE"));
    }
    RequestContext p1 = user("p1", "member");
    int visible = 0;
    long start = System.nanoTime();
    for (int round = 0; round < 20; round++) {
      visible = 0;
      for (Map<String, Object> port : ports) {
        if (e.check("get_port", port, p1)) {
          visible++;
          assertThat(e.hiddenAttributes("port", port, p1)).hasSize(4);
        }
      }
    }
    long perRoundMillis = (System.nanoTime() - start) / 20 / 1_000_000;
    // own ports (500) plus the other project's ports on p1's network n0 (50)
    assertThat(visible).isEqualTo(550);
    assertThat(lookups.get()).isLessThanOrEqualTo(10);
    assertThat(perRoundMillis).as("ms per 1000 ports").isLessThan(200);
  }
}
