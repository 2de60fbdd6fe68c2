package io.neutrino.agent.l2;

import io.neutrino.agent.l2.firewall.FirewallDriver;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The linuxbridge agent's options, read once at start-up (linuxbridge_agent.ini and
 * neutron.conf), with Neutron's names and defaults:
 * <ul>
 *   <li>{@code [DEFAULT] host} (default: the host name);
 *   <li>{@code [agent] polling_interval} (2 s), {@code report_interval} (30 s);
 *   <li>{@code [linux_bridge] physical_interface_mappings} ({@code physnet:iface,...}),
 *       {@code bridge_mappings} ({@code physnet:existing-bridge,...});
 *   <li>{@code [vxlan] enable_vxlan} (true), {@code local_ip}, {@code l2_population} (false),
 *       {@code udp_dstport}, {@code vxlan_group} (224.0.0.1), {@code ttl}, {@code arp_responder};
 *   <li>{@code [securitygroup] firewall_driver} ({@code iptables}, {@code noop} or Neutron's
 *       class paths; empty means noop), {@code enable_security_group} (true),
 *       {@code enable_ipset} (true).
 * </ul>
 * Deliberate difference: {@code udp_dstport} defaults to 4789 (IANA's VXLAN port). Neutron leaves
 * it unset and the kernel then uses 8472; iproute2 no longer accepts a VXLAN device without it.
 */
public record L2AgentConfig(String host, Duration pollingInterval, Duration reportInterval,
    Map<String, String> physicalInterfaceMappings, Map<String, String> bridgeMappings,
    boolean enableVxlan, Optional<String> localIp, boolean l2Population, int vxlanUdpPort,
    Optional<String> vxlanGroup, Optional<Integer> vxlanTtl, boolean arpResponder,
    String firewallDriver, boolean enableIpset) {

  public L2AgentConfig {
    physicalInterfaceMappings = Map.copyOf(physicalInterfaceMappings);
    bridgeMappings = Map.copyOf(bridgeMappings);
    firewallDriver = FirewallDriver.canonicalName(firewallDriver);
    if (enableVxlan && localIp.isEmpty()) {
      throw new IllegalArgumentException("[vxlan] local_ip is required when enable_vxlan is true");
    }
  }

  /**
   * Reads the options through {@code option(section, key)} (section names as in the files,
   * compared case-insensitively by the caller's parser, as oslo.config does).
   */
  public static L2AgentConfig from(BiFunction<String, String, Optional<String>> option) {
    String host = option.apply("DEFAULT", "host").orElseGet(L2AgentConfig::hostname);
    boolean sgEnabled = bool(option.apply("securitygroup", "enable_security_group"), true);
    String driver = sgEnabled ? option.apply("securitygroup", "firewall_driver").orElse("") : "";
    return new L2AgentConfig(host,
        seconds(option.apply("agent", "polling_interval"), 2),
        seconds(option.apply("agent", "report_interval"), 30),
        mappings(option.apply("linux_bridge", "physical_interface_mappings").orElse("")),
        mappings(option.apply("linux_bridge", "bridge_mappings").orElse("")),
        bool(option.apply("vxlan", "enable_vxlan"), true),
        option.apply("vxlan", "local_ip").filter(s -> !s.isBlank()),
        bool(option.apply("vxlan", "l2_population"), false),
        option.apply("vxlan", "udp_dstport").map(Integer::parseInt).orElse(4789),
        Optional.of(option.apply("vxlan", "vxlan_group").orElse("224.0.0.1"))
            .filter(s -> !s.isBlank()),
        option.apply("vxlan", "ttl").filter(s -> !s.isBlank()).map(Integer::parseInt),
        bool(option.apply("vxlan", "arp_responder"), false),
        driver,
        bool(option.apply("securitygroup", "enable_ipset"), true));
  }

  /** {@code physnet1:eth0, physnet2:eth1} as a map; a physnet named twice is an error. */
  static Map<String, String> mappings(String value) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String item : value.split(",")) {
      if (item.isBlank()) {
        continue;
      }
      int colon = item.indexOf(':');
      if (colon <= 0 || colon == item.strip().length() - 1) {
        throw new IllegalArgumentException("Invalid mapping '" + item.strip()
            + "': expected <physical_network>:<value>");
      }
      String key = item.substring(0, colon).strip();
      if (out.put(key, item.substring(colon + 1).strip()) != null) {
        throw new IllegalArgumentException("Physical network " + key + " is mapped twice");
      }
    }
    return out;
  }

  private static boolean bool(Optional<String> v, boolean dflt) {
    return v.map(s -> s.strip().toLowerCase(Locale.ROOT))
        .map(s -> s.equals("true") || s.equals("1") || s.equals("yes") || s.equals("on"))
        .orElse(dflt);
  }

  private static Duration seconds(Optional<String> v, long dflt) {
    return Duration.ofMillis(Math.round(Double.parseDouble(v.orElse(Long.toString(dflt))) * 1000));
  }

  public static String hostname() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }
}
