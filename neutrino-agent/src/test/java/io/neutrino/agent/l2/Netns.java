package io.neutrino.agent.l2;

import io.neutrino.agent.linux.HostExecutor;
import io.neutrino.agent.linux.IpAddr;
import io.neutrino.agent.linux.IpCommand;
import io.neutrino.agent.linux.IpLink;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Network namespaces a data-plane test makes: "hosts" the agent runs in and "instances" whose
 * host-side veth is named like the TAP Nova would make. Every namespace gets a unique
 * {@code nt-<random>-<role>} name; {@link #close()} deletes them all, which takes their devices,
 * iptables rules, ipsets and conntrack entries with them. Traffic stays inside these namespaces.
 */
final class Netns implements AutoCloseable {
  private static final String PING = pingCommand();
  private final IpCommand root = new IpCommand(HostExecutor.root());
  private final String run = HexFormat.of().formatHex(SecureRandom.getSeed(3));
  private final List<String> created = new ArrayList<>();

  /** A namespace with its loopback up; {@code role} is a short tag for its name. */
  String create(String role) {
    String name = "nt-" + run + "-" + role;
    created.add(name);
    root.ensureNamespace(name);
    return name;
  }

  /**
   * An instance namespace plugged into {@code hostNs} by a veth: {@code tap} on the host side,
   * {@code eth0} (with the port's MAC and address) inside.
   */
  String instance(String hostNs, String role, String tap, String mac, String cidr) {
    String ns = create(role);
    new IpLink(HostExecutor.inNamespace(hostNs)).addVeth(tap, "eth0", Optional.of(ns));
    HostExecutor inst = HostExecutor.inNamespace(ns);
    new IpLink(inst).setAddress("eth0", mac);
    new IpAddr(inst).add("eth0", cidr);
    new IpLink(inst).setUp("eth0");
    return ns;
  }

  /** Whether one ping from {@code ns} to {@code ip} gets an answer within a second. */
  static boolean ping(String ns, String ip) {
    List<String> cmd = new ArrayList<>(List.of(PING.split(" ")));
    cmd.addAll(List.of("-c", "1", "-W", "1", ip));
    return HostExecutor.inNamespace(ns).tryRun(cmd, null).ok();
  }

  /** Ping, retried a few times: the first packets may wait for ARP or a just-applied rule. */
  static boolean pingEventually(String ns, String ip) {
    for (int i = 0; i < 3; i++) {
      if (ping(ns, ip)) {
        return true;
      }
    }
    return false;
  }

  // iputils ping when installed, busybox's otherwise (both take -c and -W).
  private static String pingCommand() {
    return HostExecutor.root().tryRun(List.of("sh", "-c", "command -v ping"), null).ok()
        ? "ping" : "busybox ping";
  }

  @Override
  public void close() {
    for (String ns : created) {
      HostExecutor.root().tryRun(List.of("ip", "netns", "delete", ns), null);
    }
    created.clear();
  }
}
