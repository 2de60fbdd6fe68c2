package io.neutrino.agent.l3;

import static io.neutrino.agent.testkit.NetnsFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.agent.linux.HostExecutor;
import io.neutrino.agent.testkit.NetnsFixture;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The L3 agent on a real data plane: two internal networks and an external one (bridges in the
 * test's host namespace standing in for the L2 agent), instances, an "external" host, and
 * {@link FakeL3Server} standing in for the server until the messaging layer is wired. Packets
 * are real pings; which source address arrived is read from iptables counters in the receiving
 * namespace.
 */
@Tag("linux")
class L3AgentLinuxTest {
  private final String netA = UUID.randomUUID().toString();
  private final String netB = UUID.randomUUID().toString();
  private final String netExt = UUID.randomUUID().toString();
  private final String routerId = UUID.randomUUID().toString();
  private final String fipId = UUID.randomUUID().toString();

  private static L3AgentConfig config() {
    return new L3AgentConfig("l3-host", "0x2", true, Duration.ofSeconds(1), Duration.ofSeconds(60),
        Duration.ZERO, "nova");
  }

  private Map<String, Object> router(boolean withFip, boolean withGateway) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", routerId);
    r.put("admin_state_up", true);
    r.put("enable_snat", true);
    r.put("_interfaces", List.of(
        FakeL3Server.port(UUID.randomUUID().toString(), netA, "fa:16:3e:aa:00:01", "10.10.1.1",
            "10.10.1.0/24", "10.10.1.1"),
        FakeL3Server.port(UUID.randomUUID().toString(), netB, "fa:16:3e:bb:00:01", "10.10.2.1",
            "10.10.2.0/24", "10.10.2.1")));
    if (withGateway) {
      r.put("gw_port", FakeL3Server.port("9a7e0000-0000-0000-0000-000000000001", netExt,
          "fa:16:3e:ee:00:10", "172.24.4.10", "172.24.4.0/24", "172.24.4.1"));
    }
    r.put("_floatingips", withFip ? List.of(FakeL3Server.fip(fipId, "172.24.4.20", "10.10.2.5"))
        : List.of());
    r.put("routes", List.of());
    return r;
  }

  private static boolean ping(NetnsFixture fx, String from, String to) {
    return fx.tryExec(from, "busybox", "ping", "-c", "1", "-W", "2", to).ok();
  }

  /** Counts echo requests from {@code source} arriving in {@code ns} (a rule per source). */
  private static void countFrom(NetnsFixture fx, String ns, String source) {
    fx.exec(ns, "iptables", "-A", "INPUT", "-s", source, "-p", "icmp", "--icmp-type",
        "echo-request", "-j", "ACCEPT");
  }

  private static long counted(NetnsFixture fx, String ns, String source) {
    for (String line : fx.exec(ns, "iptables", "-L", "INPUT", "-v", "-n", "-x").split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length > 7 && f[7].equals(source)) {
        return Long.parseLong(f[0]);
      }
    }
    throw new AssertionError("no counter for " + source + " in " + ns);
  }

  private static void addressInstance(NetnsFixture fx, String ns, String cidr, String gateway) {
    fx.exec(ns, "ip", "addr", "add", cidr, "dev", "eth0");
    if (gateway != null) {
      fx.exec(ns, "ip", "route", "add", "default", "via", gateway);
    }
  }

  @Test
  void routesSnatsAndFloatsBetweenNetworksAndConvergesAfterRestart() {
    try (NetnsFixture fx = new NetnsFixture()) {
      String qrouter = "qrouter-" + routerId;
      fx.track(qrouter);
      FakeL3Server server = new FakeL3Server();
      server.put(router(true, true));
      String vmA = fx.instance("vma", netA, "fa:16:3e:aa:00:05");
      String vmB = fx.instance("vmb", netB, "fa:16:3e:bb:00:05");
      // The external host has no route to the internal networks: only NATed traffic is answered.
      String ext = fx.instance("ext", netExt, "fa:16:3e:ee:00:01");
      addressInstance(fx, vmA, "10.10.1.5/24", "10.10.1.1");
      addressInstance(fx, vmB, "10.10.2.5/24", "10.10.2.1");
      addressInstance(fx, ext, "172.24.4.1/24", null);
      countFrom(fx, ext, "172.24.4.10");
      countFrom(fx, ext, "172.24.4.20");
      countFrom(fx, vmB, "10.10.1.5");
      countFrom(fx, vmB, "172.24.4.1");

      try (L3Agent agent = new L3Agent(config(), server, fx.hostExecutor(), HostExecutor.root())) {
        agent.start();
        waitUntil("the router is built", () -> agent.routerIds().contains(routerId));
        assertThat(fx.exec(qrouter, "iptables-save", "-t", "nat"))
            .contains("-A neutron-l3-agent-PREROUTING -d 172.24.4.20/32 -j DNAT "
                + "--to-destination 10.10.2.5")
            .contains("-A neutron-l3-agent-snat -o qg-9a7e0000-00 -j SNAT --to-source 172.24.4.10");
        assertThat(fx.exec(qrouter, "sysctl", "-n", "net.ipv4.ip_forward").strip()).isEqualTo("1");

        // East-west: routed, not NATed.
        assertThat(ping(fx, vmA, "10.10.2.5")).isTrue();
        assertThat(counted(fx, vmB, "10.10.1.5")).isPositive();
        // Out through the gateway: SNAT to the gateway address.
        assertThat(ping(fx, vmA, "172.24.4.1")).isTrue();
        assertThat(counted(fx, ext, "172.24.4.10")).isPositive();
        // In through the floating IP, and out from it.
        assertThat(ping(fx, ext, "172.24.4.20")).isTrue();
        assertThat(counted(fx, vmB, "172.24.4.1")).isPositive();
        assertThat(ping(fx, vmB, "172.24.4.1")).isTrue();
        assertThat(counted(fx, ext, "172.24.4.20")).isPositive();
        assertThat(server.fipStatusReports).contains(Map.of(fipId, "ACTIVE"));

        // Floating IP removed: no way in any more; reported DOWN.
        server.put(router(false, true));
        new L3AgentRpcCallbacks(agent).routersUpdated(List.of(routerId));
        // The agent thread runs tasks in order: once this one ran, the update is applied.
        agent.call(() -> null);
        assertThat(fx.exec(qrouter, "ip", "-br", "addr", "show", "dev", "qg-9a7e0000-00"))
            .doesNotContain("172.24.4.20");
        assertThat(ping(fx, ext, "172.24.4.20")).isFalse();
        assertThat(ping(fx, vmA, "172.24.4.1")).isTrue();
        assertThat(server.fipStatusReports).contains(Map.of(fipId, "DOWN"));

        // Extra routes come and go with the router's routes.
        Map<String, Object> withRoute = router(false, true);
        withRoute.put("routes", List.of(Map.of("destination", "10.99.0.0/16",
            "nexthop", "10.10.1.5")));
        server.put(withRoute);
        agent.call(() -> {
          agent.routersUpdated(List.of(routerId));
          return null;
        });
        assertThat(fx.exec(qrouter, "ip", "route")).contains("10.99.0.0/16 via 10.10.1.5");

        // Gateway cleared: the qg device goes, nothing leaves.
        server.put(router(false, false));
        agent.call(() -> {
          agent.routersUpdated(List.of(routerId));
          return null;
        });
        assertThat(fx.exec(qrouter, "ip", "-br", "link")).doesNotContain("qg-")
            .contains("qr-");
        assertThat(fx.exec(qrouter, "ip", "route")).doesNotContain("10.99.0.0/16");
        assertThat(ping(fx, vmA, "172.24.4.1")).isFalse();
        assertThat(ping(fx, vmA, "10.10.2.5")).isTrue();
      }

      // Restart: the agent rebuilds what the server has, and deletes what it no longer has.
      server.put(router(true, true));
      fx.exec(qrouter, "iptables", "-t", "nat", "-F");
      try (L3Agent agent = new L3Agent(config(), server, fx.hostExecutor(), HostExecutor.root())) {
        agent.start();
        waitUntil("the router is rebuilt", () -> agent.routerIds().contains(routerId));
        assertThat(ping(fx, ext, "172.24.4.20")).isTrue();
        server.remove(routerId);
      }
      try (L3Agent agent = new L3Agent(config(), server, fx.hostExecutor(), HostExecutor.root())) {
        agent.start();
        waitUntil("the deleted router's namespace is gone", () -> !fx.namespaceExists(qrouter));
        assertThat(fx.exec(fx.hostNamespace(), "ip", "-br", "link")).doesNotContain("tap9a7e0000");
      }
    }
  }

  /**
   * Named namespaces belong to the whole machine. At its first full sync an agent removes the
   * router namespaces left on its own host (their devices lead to its host namespace) and leaves
   * another host's agent's; later full syncs look for none.
   */
  @Test
  void onlyThisHostsStaleRoutersAreRemovedAndOnlyAtStart() {
    try (NetnsFixture fx = new NetnsFixture()) {
      String otherHost = fx.namespace("other");
      String mine = staleRouter(fx, fx.hostNamespace());
      String theirs = staleRouter(fx, otherHost);
      try (L3Agent agent = new L3Agent(config(), new FakeL3Server(), fx.hostExecutor(),
          HostExecutor.root())) {
        agent.start();
        waitUntil("this host's stale router namespace is removed", () -> !fx.namespaceExists(mine));
        String later = staleRouter(fx, fx.hostNamespace());
        agent.call(() -> {
          agent.fullSync();
          return null;
        });
        assertThat(fx.namespaceExists(theirs)).as("another host's router").isTrue();
        assertThat(fx.namespaceExists(later)).as("left after the first full sync").isTrue();
      }
      assertThat(fx.exec(fx.hostNamespace(), "ip", "-br", "link")).doesNotContain(
          "tap" + mine.substring("qrouter-".length(), "qrouter-".length() + 11));
    }
  }

  /** A {@code qrouter-} namespace with one router interface whose tap is on {@code host}. */
  private static String staleRouter(NetnsFixture fx, String host) {
    String id = UUID.randomUUID().toString();
    String ns = "qrouter-" + id;
    fx.track(ns);
    HostExecutor.root().run("ip", "netns", "add", ns);
    // The interface is named after the router id here, so the test can find its tap again.
    String suffix = id.substring(0, 11);
    fx.exec(host, "ip", "link", "add", "tap" + suffix, "type", "veth", "peer", "name", "qr-" + suffix,
        "netns", ns);
    return ns;
  }
}
