package io.neutrino.agent.l3;

import io.neutrino.agent.l3.Router.ExtraRoute;
import io.neutrino.agent.l3.Router.FixedIp;
import io.neutrino.agent.l3.Router.FloatingIp;
import io.neutrino.agent.l3.Router.Port;
import io.neutrino.agent.linux.BridgeInterfaceDriver;
import io.neutrino.agent.linux.HostCommandException;
import io.neutrino.agent.linux.HostExecutor;
import io.neutrino.agent.linux.IpCommand;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a {@code qrouter-<id>} namespace match a router dict (neutron/agent/l3/router_info.py
 * RouterInfo.process for a legacy router). Every call compares the whole desired state with what
 * the namespace holds, so the same code serves a first build, an update, and the resync after an
 * agent restart: interfaces, gateway, floating IP addresses, extra routes, and the NAT tables
 * (replaced in one {@code iptables-restore}).
 */
final class RouterProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(RouterProcessor.class);
  static final String INTERNAL_DEV_PREFIX = "qr-";
  static final String EXTERNAL_DEV_PREFIX = "qg-";

  private final BridgeInterfaceDriver driver;
  private final IpCommand rootIp;
  private final RouterIptables iptables;

  RouterProcessor(L3AgentConfig conf, BridgeInterfaceDriver driver, HostExecutor root) {
    this.driver = Objects.requireNonNull(driver);
    this.rootIp = new IpCommand(root);
    this.iptables = new RouterIptables(conf);
  }

  static String internalDevice(String portId) {
    return BridgeInterfaceDriver.deviceName(INTERNAL_DEV_PREFIX, portId);
  }

  static String externalDevice(String portId) {
    return BridgeInterfaceDriver.deviceName(EXTERNAL_DEV_PREFIX, portId);
  }

  /** Builds or updates the router; returns the floating IPs now configured on the gateway. */
  List<FloatingIp> process(Router router) {
    String ns = router.namespace();
    createNamespace(ns);
    HostExecutor inNs = HostExecutor.inNamespace(ns);
    IpCommand nsIp = new IpCommand(inNs);
    List<String> existing = nsIp.devices();

    Set<String> internal = new HashSet<>();
    for (Port port : router.interfaces()) {
      String device = internalDevice(port.id());
      internal.add(device);
      driver.plug(port.networkId(), port.id(), device, port.macAddress(), ns, port.mtu());
      nsIp.syncAddresses(device, port.fixedIps().stream().map(FixedIp::cidr).toList());
    }
    for (String device : existing) {
      if (device.startsWith(INTERNAL_DEV_PREFIX) && !internal.contains(device)) {
        LOG.debug("Removing stale internal device {} of router {}", device, router.id());
        driver.unplug(device, ns);
      }
    }

    Optional<String> gwDevice = router.gwPort().map(p -> externalDevice(p.id()));
    for (String device : existing) {
      if (device.startsWith(EXTERNAL_DEV_PREFIX) && !gwDevice.equals(Optional.of(device))) {
        LOG.debug("Removing stale gateway device {} of router {}", device, router.id());
        driver.unplug(device, ns);
      }
    }
    List<FloatingIp> fips = List.of();
    if (router.gwPort().isPresent()) {
      fips = processGateway(router, router.gwPort().get(), gwDevice.get(), nsIp);
    }
    processRoutes(router, nsIp);
    inNs.run(List.of("iptables-restore"), iptables.restoreInput(router, gwDevice.orElse(null)));
    return fips;
  }

  private void createNamespace(String ns) {
    rootIp.ensureNamespace(ns);
    HostExecutor inNs = HostExecutor.inNamespace(ns);
    inNs.run("sysctl", "-w", "net.ipv4.ip_forward=1");
    // Answer ARP only for addresses of the asking interface, and from the best local address.
    inNs.run("sysctl", "-w", "net.ipv4.conf.all.arp_ignore=1");
    inNs.run("sysctl", "-w", "net.ipv4.conf.all.arp_announce=2");
    inNs.tryRun(List.of("sysctl", "-w", "net.ipv6.conf.all.forwarding=1"), null);
  }

  private List<FloatingIp> processGateway(Router router, Port gw, String device, IpCommand nsIp) {
    driver.plug(gw.networkId(), gw.id(), device, gw.macAddress(), router.namespace(), gw.mtu());
    List<String> cidrs = new ArrayList<>(gw.fixedIps().stream().map(FixedIp::cidr).toList());
    List<FloatingIp> configured = new ArrayList<>();
    for (FloatingIp fip : router.floatingIps()) {
      String cidr = fip.floatingIpAddress() + "/32";
      if (!cidrs.contains(cidr)) {
        cidrs.add(cidr);
      }
      configured.add(fip);
    }
    List<String> before = nsIp.addresses(device).stream().map(IpCommand.Address::cidr).toList();
    nsIp.syncAddresses(device, cidrs);
    // A removed floating IP must cut its flows now, not when their conntrack entries expire.
    for (String cidr : before) {
      if (!cidrs.contains(cidr) && cidr.endsWith("/32")) {
        deleteConntrackState(router.namespace(), cidr.substring(0, cidr.length() - 3));
      }
    }
    for (Router.Subnet subnet : gw.subnets()) {
      if (subnet.gatewayIp() == null || subnet.gatewayIp().contains(":")) {
        continue;
      }
      if (!nsIp.defaultGateway(4).equals(Optional.of(subnet.gatewayIp()))) {
        try {
          nsIp.replaceRoute("default", subnet.gatewayIp());
        } catch (HostCommandException e) {
          // The external subnet's gateway is outside it: reach it on-link first.
          nsIp.replaceOnLinkRoute(subnet.gatewayIp(), device);
          nsIp.replaceRoute("default", subnet.gatewayIp());
        }
      }
      break;
    }
    return configured;
  }

  private static void deleteConntrackState(String ns, String ip) {
    HostExecutor inNs = HostExecutor.inNamespace(ns);
    // Exit code 1 only says there was nothing to delete.
    inNs.tryRun(List.of("conntrack", "-D", "-d", ip), null);
    inNs.tryRun(List.of("conntrack", "-D", "-q", ip), null);
  }

  /** Extra routes: exactly the router's {@code routes} besides the connected and default ones. */
  private static void processRoutes(Router router, IpCommand nsIp) {
    Set<ExtraRoute> wanted = new LinkedHashSet<>(router.routes());
    for (int version : new int[] {4, 6}) {
      for (IpCommand.Route r : nsIp.routes(version)) {
        if (r.gateway() == null || r.destination().equals("default")) {
          continue;
        }
        ExtraRoute actual = new ExtraRoute(r.destination(), r.gateway());
        if (!wanted.remove(normalize(actual, wanted))) {
          nsIp.deleteRoute(r.destination(), r.gateway());
        }
      }
    }
    for (ExtraRoute route : wanted) {
      nsIp.replaceRoute(route.destination(), route.nexthop());
    }
  }

  /** ip prints host routes without "/32"; find the wanted route it stands for. */
  private static ExtraRoute normalize(ExtraRoute actual, Set<ExtraRoute> wanted) {
    for (ExtraRoute w : wanted) {
      String d = w.destination();
      String bare = d.endsWith("/32") || d.endsWith("/128") ? d.substring(0, d.indexOf('/')) : d;
      if ((d.equals(actual.destination()) || bare.equals(actual.destination()))
          && w.nexthop().equals(actual.nexthop())) {
        return w;
      }
    }
    return actual;
  }

  /**
   * Whether the router namespace {@code ns} is this agent's: one of its {@code qr-}/{@code qg-}
   * devices has its host end here, or it has none and this agent's host is the machine itself (a
   * namespace left half-made by an earlier run; with a host namespace of its own the agent cannot
   * tell whose it is, and netns-cleanup removes it).
   */
  boolean wiredHere(String ns) {
    boolean any = false;
    for (String device : new IpCommand(HostExecutor.inNamespace(ns)).devices()) {
      if (device.startsWith(INTERNAL_DEV_PREFIX) || device.startsWith(EXTERNAL_DEV_PREFIX)) {
        any = true;
        if (driver.hostEndExists(device)) {
          return true;
        }
      }
    }
    return !any && driver.onTheMachineItself();
  }

  /** Unplugs the router's devices and deletes its namespace (RouterNamespace.delete). */
  void delete(String routerId) {
    String ns = "qrouter-" + routerId;
    if (!rootIp.namespaceExists(ns)) {
      return;
    }
    for (String device : new IpCommand(HostExecutor.inNamespace(ns)).devices()) {
      if (device.startsWith(INTERNAL_DEV_PREFIX) || device.startsWith(EXTERNAL_DEV_PREFIX)) {
        driver.unplug(device, ns);
      }
    }
    rootIp.deleteNamespace(ns);
  }
}
