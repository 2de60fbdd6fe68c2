package io.neutrino.agent.l2.firewall;

/**
 * Enforces security groups for the ports of this host ({@code [securitygroup] firewall_driver}).
 * The agent hands over the whole wanted state each time something changed; the driver moves the
 * host to it.
 */
public interface FirewallDriver {
  void apply(FirewallState state);

  /** Removes everything the driver put on the host (agent stop is not a reason: cleanup is). */
  void removeAll();

  /**
   * The driver named by {@code [securitygroup] firewall_driver}: Neutron's aliases
   * ({@code iptables}, {@code noop}) or class paths; an empty value means {@code noop}, as in
   * Neutron. Unknown names (e.g. {@code openvswitch}, which needs OVS) fail at start-up.
   */
  static String canonicalName(String configured) {
    if (configured == null || configured.isBlank()) {
      return "noop";
    }
    return switch (configured.strip()) {
      case "iptables", "neutron.agent.linux.iptables_firewall.IptablesFirewallDriver" -> "iptables";
      case "noop", "neutron.agent.firewall.NoopFirewallDriver" -> "noop";
      default -> throw new IllegalArgumentException("Unsupported [securitygroup] firewall_driver "
          + configured + " for the linuxbridge agent: use iptables or noop");
    };
  }
}
