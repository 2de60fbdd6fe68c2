package io.neutrino.it.dataplane;

import io.neutrino.agent.linux.HostExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Data-plane figures on this machine, through the whole stack (API, RabbitMQ, real agents, real
 * devices), printed rather than asserted: a command, never part of the test run. See
 * neutrino-bench/README.md for how to run it; needs root, RabbitMQ and the agents' tools, as the
 * end-to-end tests do.
 *
 * <ol>
 *   <li>ports wired per second by one L2 agent: N bound ports whose TAP devices appear at once
 *       (one {@code ip -batch}), from then until all are ACTIVE;
 *   <li>seconds from port create to ACTIVE: a port created, its TAP plugged right after (as Nova
 *       does), until the API shows it ACTIVE, one port at a time; first with the L2 agent alone,
 *       then with a DHCP agent serving the network too (the port then also waits for
 *       {@code dhcp_ready_on_ports}, as in a deployment);
 *   <li>a router with 10 interfaces and 50 floating IPs: from the last API call until the L3 agent
 *       has applied it all, and from an L3 agent (re)start until it has rebuilt it from scratch.
 * </ol>
 * Arguments: {@code [ports-for-rate (50)] [ports-for-latency (15)]}.
 */
public final class DataPlaneBench {
  private static final Duration LIMIT = Duration.ofMinutes(5);

  private DataPlaneBench() {}

  public static void main(String[] args) {
    int burst = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int samples = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    System.out.printf("data-plane bench: %d cores, load average %s, L2 polling_interval 1 s, "
        + "iptables firewall, RabbitMQ on 127.0.0.1%n", Runtime.getRuntime().availableProcessors(),
        Lab.sh("cat", "/proc/loadavg").split(" ")[0]);
    try (Lab lab = Lab.start()) {
      LabHost host = lab.host();
      host.start("linuxbridge", "l3");
      wiringRate(lab, host, burst);
      createToActive(lab, host, samples, "L2 agent only");
      routerApplied(lab, host, 10, 50);
      host.start("dhcp");
      createToActive(lab, host, samples, "L2 and DHCP agents");
    }
    // The broker's connection threads would otherwise keep the JVM alive.
    System.exit(0);
  }

  private static void wiringRate(Lab lab, LabHost host, int n) {
    String net = lab.api.network("bench-rate");
    lab.api.subnet(net, "10.90.0.0/22");
    List<String> ids = new ArrayList<>();
    StringBuilder batch = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String id = (String) lab.api.port(host, net).get("id");
      ids.add(id);
      String tap = "tap" + id.substring(0, 11);
      String peer = "p" + id.substring(0, 11);
      batch.append("link add ").append(tap).append(" type veth peer name ").append(peer).append('\n')
          .append("link set ").append(peer).append(" up\n").append("link set ").append(tap).append(" up\n");
    }
    long t0 = System.nanoTime();
    host.exec().run(List.of("ip", "-batch", "-"), batch.toString());
    await(() -> lab.api.get("/v2.0/ports?network_id=" + net + "&status=ACTIVE").list("ports").size() >= n);
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("ports wired per second by one L2 agent: %.1f (%d ports ACTIVE %.2f s after their "
        + "TAP devices appeared)%n", n / seconds, n, seconds);
  }

  private static void createToActive(Lab lab, LabHost host, int n, String agents) {
    String net = lab.api.network("bench-latency");
    lab.api.subnet(net, "10.91." + (agents.contains("DHCP") ? 1 : 0) + ".0/24");
    List<Double> seconds = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      String id = (String) lab.api.port(host, net).get("id");
      String tap = "tap" + id.substring(0, 11);
      host.exec().run(List.of("ip", "-batch", "-"), "link add " + tap + " type veth peer name p" + id.substring(0, 11)
          + "\nlink set " + tap + " up\n");
      await(() -> "ACTIVE".equals(lab.api.portStatus(id)));
      seconds.add((System.nanoTime() - t0) / 1e9);
    }
    Collections.sort(seconds);
    System.out.printf("seconds from port create to ACTIVE (%s): median %.2f, min %.2f, max %.2f (%d ports, one "
        + "at a time)%n", agents, seconds.get(n / 2), seconds.get(0), seconds.get(n - 1), n);
  }

  private static void routerApplied(Lab lab, LabHost host, int interfaces, int fips) {
    String ext = lab.api.externalNetwork();
    List<String> subnets = new ArrayList<>();
    List<String> networks = new ArrayList<>();
    for (int i = 0; i < interfaces; i++) {
      String net = lab.api.network("bench-r" + i);
      networks.add(net);
      subnets.add(lab.api.subnet(net, "10.92." + i + ".0/24", Map.of("enable_dhcp", false)));
    }
    long build = System.nanoTime();
    String router = lab.api.router(ext, subnets.toArray(String[]::new));
    for (int i = 0; i < fips; i++) {
      String port = (String) lab.api.port(host, networks.get(i % interfaces)).get("id");
      lab.api.floatingIp(ext, port);
    }
    long t0 = System.nanoTime();
    await(() -> applied(lab, router, interfaces, fips));
    double incremental = (System.nanoTime() - t0) / 1e9;
    System.out.printf("router with %d interfaces and %d floating IPs: applied %.2f s after the last API call "
        + "(%.1f s of API calls, each notifying the agent)%n", interfaces, fips, incremental, (t0 - build) / 1e9);

    host.kill("l3");
    Lab.sh("ip", "netns", "delete", "qrouter-" + router);
    long t1 = System.nanoTime();
    host.start("l3");
    await(() -> applied(lab, router, interfaces, fips));
    System.out.printf("router with %d interfaces and %d floating IPs: rebuilt from scratch %.2f s after the L3 "
        + "agent started%n", interfaces, fips, (System.nanoTime() - t1) / 1e9);
  }

  /** Every interface, every floating IP address and its DNAT rule in place, every floating IP ACTIVE. */
  private static boolean applied(Lab lab, String router, int interfaces, int fips) {
    HostExecutor ns = HostExecutor.inNamespace("qrouter-" + router);
    HostExecutor.Result addrs = ns.tryRun(List.of("ip", "-o", "-4", "addr", "show"), null);
    if (!addrs.ok()) {
      return false;
    }
    long qr = addrs.stdout().lines().filter(l -> l.contains(" qr-")).count();
    long qg = addrs.stdout().lines().filter(l -> l.contains(" qg-") && l.contains("/32")).count();
    if (qr < interfaces || qg < fips) {
      return false;
    }
    long dnat = ns.tryRun(List.of("iptables-save", "-t", "nat"), null).stdout().lines()
        .filter(l -> l.contains("-PREROUTING") && l.contains("-j DNAT")).count();
    return dnat >= fips && lab.api.get("/v2.0/floatingips?router_id=" + router + "&status=ACTIVE")
        .list("floatingips").size() >= fips;
  }

  private static void await(BooleanSupplier done) {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not done after " + LIMIT);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
