package io.neutrino.it.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.agent.linux.HostExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An instance: a namespace on the far end of its port's TAP device, with the port's MAC. It gets
 * its address by DHCP (busybox udhcpc) and probes with busybox ping.
 */
final class Vm {
  final String ns;
  final Map<String, Object> port;
  final String ip;
  private final Lab lab;

  /** {@code port}: the Neutron port it is plugged into (empty for the external namespace). */
  Vm(Lab lab, String ns, String ip, Map<String, Object> port) {
    this.lab = lab;
    this.ns = ns;
    this.ip = ip;
    this.port = port;
  }

  @SuppressWarnings("unchecked")
  static String fixedIp(Map<String, Object> port) {
    return (String) ((List<Map<String, Object>>) port.get("fixed_ips")).get(0).get("ip_address");
  }

  String portId() {
    return (String) port.get("id");
  }

  HostExecutor exec() {
    return HostExecutor.inNamespace(ns);
  }

  /** Asks DHCP until the lease is the port's fixed IP (the address, MTU and default route are applied). */
  void lease() {
    String script = lab.udhcpcScript().toString();
    Poll.until(ns + " leases " + ip, Duration.ofSeconds(60), () -> exec().tryRun(List.of("udhcpc", "-i", "eth0",
        "-n", "-q", "-t", "3", "-T", "1", "-s", script), null).stdout().contains("ip=" + ip + " "),
        lab::diagnostics);
  }

  /** One DHCP exchange (up to three discovers, a second apart) must bring the port's lease. */
  void leaseAtOnce() {
    HostExecutor.Result r = exec().tryRun(List.of("udhcpc", "-i", "eth0", "-n", "-q", "-t", "3", "-T", "1", "-s",
        lab.udhcpcScript().toString()), null);
    assertThat(r.stdout()).as(ns + " leases " + ip + " at the first try\n" + r.stderr()).contains("ip=" + ip + " ");
  }

  /** One probe: true if {@code address} answered an echo request within a second. */
  boolean ping(String address) {
    return exec().tryRun(List.of("busybox", "ping", "-c", "1", "-W", "1", address), null).ok();
  }

  /** Waits until {@code address} answers. */
  void reaches(String address) {
    Poll.until(ns + " reaches " + address, Duration.ofSeconds(45), () -> ping(address),
        () -> routes() + lab.diagnostics());
  }

  /** Asserts that {@code address} does not answer (three probes, so a lost packet is not enough). */
  void cannotReach(String address) {
    HostExecutor.Result r = exec().tryRun(List.of("busybox", "ping", "-c", "3", "-W", "1", address), null);
    assertThat(r.exitCode()).as(ns + " must not reach " + address + ":\n" + r.stdout()).isNotZero();
  }

  /** Waits until {@code address} stops answering, then asserts it stays silent. */
  void losesReachOf(String address) {
    Poll.until(ns + " no longer reaches " + address, Duration.ofSeconds(45), () -> !ping(address),
        lab::diagnostics);
    cannotReach(address);
  }

  private String routes() {
    return "$ ip addr; ip route (in " + ns + ")\n" + exec().tryRun(List.of("ip", "-br", "addr"), null).stdout()
        + exec().tryRun(List.of("ip", "route"), null).stdout();
  }
}
