package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.agent.AgentMain;
import io.neutrino.agent.linux.HostExecutor;
import io.neutrino.config.Config;
import io.neutrino.messaging.Messaging;
import io.neutrino.messaging.TransportUrl;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole chain with real packets: the server and its RPC service on RabbitMQ, a linuxbridge L2
 * agent and a DHCP agent in a "host" namespace, and instances (namespaces whose host-side veth is
 * named like the port's TAP device) that get their address by DHCP and ping each other.
 *
 * <p>Each run has its own RabbitMQ vhost (Neutron's queue names are fixed, so two builds on one
 * broker would share them otherwise) and its own namespaces; all are removed at the end.
 */
@Tag("linux")
class AgentsEndToEndTest {
  private final String id = UUID.randomUUID().toString().substring(0, 6);
  private final String vhost = "neutrino-e2e-" + id;
  private final String hostNs = "nte-" + id + "-h1";
  private final List<String> namespaces = new ArrayList<>();
  private final List<AutoCloseable> agents = new ArrayList<>();
  private Path state;
  private TestServer s;

  private static String run(String... cmd) {
    return HostExecutor.root().run(cmd);
  }

  @BeforeEach
  void start() throws Exception {
    run("rabbitmqctl", "-q", "add_vhost", vhost);
    run("rabbitmqctl", "-q", "set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
    String url = "rabbit://guest:guest@127.0.0.1:5672/" + vhost;
    state = Files.createTempDirectory("nte-" + id,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    namespace(hostNs);
    // The host's underlay address (VXLAN's local_ip): a veth with both ends in the host.
    inHost("ip", "link", "add", "ul0", "type", "veth", "peer", "name", "ul1");
    inHost("ip", "addr", "add", "10.250.0.1/24", "dev", "ul0");
    inHost("ip", "link", "set", "ul0", "up");
    inHost("ip", "link", "set", "ul1", "up");
    inHost("ip", "link", "set", "lo", "up");

    Map<String, Map<String, String>> conf = new LinkedHashMap<>();
    conf.put("DEFAULT", Map.of("transport_url", url, "host", "e2e-server", "service_plugins", "router"));
    conf.put("ml2", Map.of("mechanism_drivers", "linuxbridge,l2population", "tenant_network_types", "vxlan",
        "extension_drivers", "port_security"));
    conf.put("ml2_type_vxlan", Map.of("vni_ranges", "100:200"));
    s = TestServer.start(conf);

    Map<String, Map<String, List<String>>> agentConf = new HashMap<>();
    agentConf.put("DEFAULT", Map.of("host", List.of(hostNs), "state_path", List.of(state.toString())));
    agentConf.put("AGENT", Map.of("report_interval", List.of("5")));
    agentConf.put("agent", Map.of("polling_interval", List.of("1"), "report_interval", List.of("5")));
    agentConf.put("vxlan", Map.of("enable_vxlan", List.of("true"), "local_ip", List.of("10.250.0.1"),
        "l2_population", List.of("true")));
    agentConf.put("securitygroup", Map.of("firewall_driver", List.of("iptables")));
    Config config = Config.of(agentConf);
    for (String kind : List.of("linuxbridge", "dhcp")) {
      Messaging m = Messaging.create(TransportUrl.parse(url), Messaging.DEFAULT_CONTROL_EXCHANGE, Duration.ofSeconds(30));
      agents.add(AgentMain.start(kind, config, m, HostExecutor.inNamespace(hostNs)));
    }
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable a : agents) {
      a.close();
    }
    if (s != null) {
      s.close();
    }
    HostExecutor.root().tryRun(List.of("ip", "-o", "netns", "list"), null).stdout().lines()
        .map(l -> l.split(" ")[0]).filter(n -> n.startsWith("qdhcp-")).forEach(n -> {
          // Only this run's DHCP namespaces: its network ids came from this server.
          if (networks.contains(n.substring("qdhcp-".length()))) {
            namespaces.add(n);
          }
        });
    for (String ns : namespaces) {
      HostExecutor.root().tryRun(List.of("ip", "netns", "pids", ns), null).stdout().lines()
          .forEach(pid -> HostExecutor.root().tryRun(List.of("kill", "-9", pid.trim()), null));
      HostExecutor.root().tryRun(List.of("ip", "netns", "delete", ns), null);
    }
    HostExecutor.root().tryRun(List.of("rabbitmqctl", "-q", "delete_vhost", vhost), null);
    if (state != null) {
      try (var files = Files.walk(state)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private final List<String> networks = new ArrayList<>();

  private void namespace(String ns) {
    run("ip", "netns", "add", ns);
    namespaces.add(ns);
  }

  private String inHost(String... cmd) {
    return HostExecutor.inNamespace(hostNs).run(cmd);
  }

  private static void waitUntil(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(200);
    }
  }

  /** An instance on {@code port}: namespace with eth0 (the port's MAC), tap<port[:11]> in the host. */
  private String instance(String name, Map<String, Object> port) {
    String ns = "nte-" + id + "-" + name;
    namespace(ns);
    String tap = "tap" + ((String) port.get("id")).substring(0, 11);
    inHost("ip", "link", "add", tap, "type", "veth", "peer", "name", "eth0", "netns", ns);
    HostExecutor vm = HostExecutor.inNamespace(ns);
    vm.run("ip", "link", "set", "eth0", "address", (String) port.get("mac_address"));
    vm.run("ip", "link", "set", "eth0", "up");
    vm.run("ip", "link", "set", "lo", "up");
    inHost("ip", "link", "set", tap, "up");
    return ns;
  }

  private Map<String, Object> port(String network) {
    var r = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", network, "device_owner", "compute:nova",
        "device_id", UUID.randomUUID().toString(), "binding:host_id", hostNs)));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.member("port");
  }

  private String status(Map<String, Object> port) {
    return (String) s.get("/v2.0/ports/" + port.get("id")).member("port").get("status");
  }

  private Path udhcpcScript() throws Exception {
    Path script = state.resolve("udhcpc.sh");
    try (InputStream in = getClass().getResourceAsStream("/e2e/udhcpc-script.sh")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    script.toFile().setExecutable(true);
    return script;
  }

  private HostExecutor.Result dhcp(String vm) throws Exception {
    return HostExecutor.inNamespace(vm).tryRun(List.of("udhcpc", "-i", "eth0", "-n", "-q", "-t", "10", "-T", "1",
        "-s", udhcpcScript().toString()), null);
  }

  private static HostExecutor.Result ping(String vm, String address) {
    return HostExecutor.inNamespace(vm).tryRun(List.of("busybox", "ping", "-c", "2", "-W", "2", address), null);
  }

  /** What the host looks like, for a failed lease. */
  private String lease1Diagnostics(String net) {
    StringBuilder b = new StringBuilder();
    for (List<String> cmd : List.of(List.of("ip", "netns", "list"), List.of("sh", "-c", "ps ax | grep dnsmasq"),
        List.of("ip", "netns", "exec", hostNs, "bridge", "link"),
        List.of("ip", "netns", "exec", "qdhcp-" + net, "ip", "addr"),
        List.of("ip", "netns", "exec", hostNs, "iptables-save"))) {
      HostExecutor.Result r = HostExecutor.root().tryRun(cmd, null);
      b.append("$ ").append(String.join(" ", cmd)).append('\n').append(r.stdout()).append(r.stderr());
    }
    b.append(s.get("/v2.0/ports?network_id=" + net).raw().body());
    return b.toString();
  }

  @Test
  void instancesGetAddressesByDhcpPingEachOtherAndTheirPortsTurnActive() throws Exception {
    waitUntil("both agents report alive", Duration.ofSeconds(30),
        () -> s.get("/v2.0/agents?host=" + hostNs).list("agents").stream()
            .filter(a -> Boolean.TRUE.equals(a.get("alive"))).count() == 2);
    String net = (String) s.post("/v2.0/networks", Map.of("network", Map.of("name", "e2e"))).member("network").get("id");
    networks.add(net);
    // Instances allow ping between themselves: the default group admits its own members.
    assertThat(s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", net, "cidr", "10.60.0.0/24",
        "ip_version", 4))).status()).isEqualTo(201);
    Map<String, Object> p1 = port(net);
    Map<String, Object> p2 = port(net);
    assertThat(s.get("/v2.0/ports/" + p1.get("id")).member("port")).containsEntry("binding:vif_type", "bridge");
    String vm1 = instance("vm1", p1);
    String vm2 = instance("vm2", p2);

    waitUntil("both ports ACTIVE", Duration.ofSeconds(60),
        () -> "ACTIVE".equals(status(p1)) && "ACTIVE".equals(status(p2)));
    String ip1 = (String) ((List<Map<String, Object>>) p1.get("fixed_ips")).get(0).get("ip_address");
    String ip2 = (String) ((List<Map<String, Object>>) p2.get("fixed_ips")).get(0).get("ip_address");
    HostExecutor.Result lease1 = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      lease1 = dhcp(vm1);
      if (lease1.stdout().contains("ip=" + ip1 + " ")) {
        break;
      }
    }
    assertThat(lease1.stdout()).as(() -> lease1Diagnostics(net)).contains("ip=" + ip1 + " ");
    HostExecutor.Result lease2 = dhcp(vm2);
    assertThat(lease2.stdout()).as(lease2.stderr()).contains("ip=" + ip2 + " ");
    HostExecutor.Result ping = ping(vm1, ip2);
    assertThat(ping.exitCode()).as(ping.stdout() + ping.stderr()).isZero();
  }
}
