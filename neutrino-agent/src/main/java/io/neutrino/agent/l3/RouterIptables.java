package io.neutrino.agent.l3;

import io.neutrino.agent.l3.Router.FixedIp;
import io.neutrino.agent.l3.Router.FloatingIp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code nat} and {@code mangle} tables of a legacy router's namespace, as the L3 agent's
 * IptablesManager builds them (neutron/agent/linux/iptables_manager.py, l3/router_info.py):
 * built-in chains jump to {@code neutron-l3-agent-<chain>} wrappers; {@code neutron-postrouting-
 * bottom} jumps to {@code neutron-l3-agent-snat}, which first tries {@code neutron-l3-agent-float-
 * snat} (one SNAT per floating IP) and then SNATs to the gateway address. Floating IPs get a DNAT
 * in PREROUTING and OUTPUT. Pure: written as one {@code iptables-restore} input, so a router's
 * NAT changes at once.
 *
 * <p>Left out: address scopes (the {@code scope}/{@code floatingip} mangle marks) and the filter
 * table rules of the metadata proxy, which Neutrino's L3 agent does not run.
 */
public final class RouterIptables {
  static final String WRAP = "neutron-l3-agent";
  /** neutron_lib.constants.ROUTER_MARK_MASK. */
  static final String ROUTER_MARK_MASK = "0xffff";

  private final L3AgentConfig conf;

  public RouterIptables(L3AgentConfig conf) {
    this.conf = Objects.requireNonNull(conf);
  }

  /** The gateway device, or empty when the router has no IPv4 gateway address. */
  private static Optional<String> gatewayIp(Router router) {
    return router.gwPort().flatMap(p -> p.fixedIps().stream().filter(FixedIp::isV4)
        .map(FixedIp::ipAddress).findFirst());
  }

  /** {@code iptables-restore} input replacing the router namespace's nat and mangle tables. */
  public String restoreInput(Router router, String gatewayDevice) {
    String randomFully = conf.useRandomFully() ? " --random-fully" : "";
    Optional<String> gwIp = router.gwPort().isPresent() ? gatewayIp(router) : Optional.empty();

    List<String> natRules = new ArrayList<>();
    natRules.add("-A PREROUTING -j " + WRAP + "-PREROUTING");
    natRules.add("-A OUTPUT -j " + WRAP + "-OUTPUT");
    natRules.add("-A POSTROUTING -j " + WRAP + "-POSTROUTING");
    natRules.add("-A POSTROUTING -j neutron-postrouting-bottom");
    if (gwIp.isPresent()) {
      // Traffic between internal networks is routed, not NATed, unless it was DNATed to a fixed IP.
      natRules.add("-A " + WRAP + "-POSTROUTING ! -o " + gatewayDevice
          + " -m conntrack ! --ctstate DNAT -j ACCEPT");
    }
    for (FloatingIp fip : router.floatingIps()) {
      natRules.add("-A " + WRAP + "-PREROUTING -d " + fip.floatingIpAddress()
          + "/32 -j DNAT --to-destination " + fip.fixedIpAddress());
    }
    for (FloatingIp fip : router.floatingIps()) {
      natRules.add("-A " + WRAP + "-OUTPUT -d " + fip.floatingIpAddress()
          + "/32 -j DNAT --to-destination " + fip.fixedIpAddress());
    }
    for (FloatingIp fip : router.floatingIps()) {
      natRules.add("-A " + WRAP + "-float-snat -s " + fip.fixedIpAddress()
          + "/32 -j SNAT --to-source " + fip.floatingIpAddress() + randomFully);
    }
    natRules.add("-A " + WRAP + "-snat -j " + WRAP + "-float-snat");
    if (gwIp.isPresent()) {
      if (router.enableSnat()) {
        natRules.add("-A " + WRAP + "-snat -o " + gatewayDevice + " -j SNAT --to-source "
            + gwIp.get() + randomFully);
      }
      // An internal client reaching a floating IP of its own router: the DNATed packet goes back
      // inside, and its source must be the gateway so the reply comes back through the router.
      natRules.add("-A " + WRAP + "-snat -m mark ! --mark " + conf.externalIngressMark() + "/"
          + ROUTER_MARK_MASK + " -m conntrack --ctstate DNAT -j SNAT --to-source " + gwIp.get()
          + randomFully);
    }
    natRules.add("-A neutron-postrouting-bottom -m comment --comment \"Perform source NAT on "
        + "outgoing traffic.\" -j " + WRAP + "-snat");

    List<String> mangleRules = new ArrayList<>();
    for (String chain : List.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING")) {
      mangleRules.add("-A " + chain + " -j " + WRAP + "-" + chain);
    }
    mangleRules.add("-A " + WRAP + "-PREROUTING -j " + WRAP + "-mark");
    if (gwIp.isPresent()) {
      mangleRules.add("-A " + WRAP + "-mark -i " + gatewayDevice + " -j MARK --set-xmark "
          + conf.externalIngressMark() + "/" + ROUTER_MARK_MASK);
    }

    StringBuilder out = new StringBuilder();
    table(out, "nat", List.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"),
        List.of(WRAP + "-OUTPUT", WRAP + "-POSTROUTING", WRAP + "-PREROUTING",
            WRAP + "-float-snat", WRAP + "-snat", "neutron-postrouting-bottom"),
        natRules);
    table(out, "mangle", List.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"),
        List.of(WRAP + "-FORWARD", WRAP + "-INPUT", WRAP + "-OUTPUT", WRAP + "-POSTROUTING",
            WRAP + "-PREROUTING", WRAP + "-mark"),
        mangleRules);
    return out.toString();
  }

  private static void table(StringBuilder out, String name, List<String> builtins,
      List<String> chains, List<String> rules) {
    out.append('*').append(name).append('\n');
    builtins.forEach(c -> out.append(':').append(c).append(" ACCEPT [0:0]\n"));
    chains.forEach(c -> out.append(':').append(c).append(" - [0:0]\n"));
    rules.forEach(r -> out.append(r).append('\n'));
    out.append("COMMIT\n");
  }
}
