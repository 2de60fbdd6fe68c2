package io.neutrino.agent.dhcp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The DHCP agent's settings, read once from dhcp_agent.ini / neutron.conf (neutron/conf/agent/dhcp.py
 * and neutron/conf/common.py), names as there.
 *
 * @param host {@code [DEFAULT] host}: names this agent to the server and seeds the DHCP port's
 *     device id
 * @param statePath {@code [DEFAULT] state_path}; dnsmasq files go to {@code <state_path>/dhcp/<net>}
 *     (Neutron's default {@code dhcp_confs = $state_path/dhcp})
 * @param dhcpLeaseDuration {@code [DEFAULT] dhcp_lease_duration} seconds, -1 for infinite
 * @param dnsDomain {@code [DEFAULT] dns_domain} ("openstacklocal"); empty: hostnames only
 * @param dnsmasqDnsServers {@code [DEFAULT] dnsmasq_dns_servers}
 * @param dnsmasqLocalResolv {@code [DEFAULT] dnsmasq_local_resolv}
 * @param dnsmasqLeaseMax {@code [DEFAULT] dnsmasq_lease_max}
 * @param dnsmasqConfigFile {@code [DEFAULT] dnsmasq_config_file}; empty: none
 * @param dhcpBroadcastReply {@code [DEFAULT] dhcp_broadcast_reply}
 * @param resyncInterval {@code [DEFAULT] resync_interval}: how often failed networks are retried
 * @param fullResyncInterval how often everything is compared with the server even without
 *     failures (Neutron: {@code resync_throttle}-bounded; here one interval)
 * @param checkChildProcessesInterval {@code [AGENT] check_child_processes_interval}: how often a
 *     dead dnsmasq is noticed and respawned; zero disables the check
 * @param reportInterval {@code [AGENT] report_interval}; zero disables heartbeats
 * @param availabilityZone {@code [AGENT] availability_zone}
 */
public record DhcpAgentConfig(String host, Path statePath, int dhcpLeaseDuration, String dnsDomain,
    List<String> dnsmasqDnsServers, boolean dnsmasqLocalResolv, int dnsmasqLeaseMax,
    String dnsmasqConfigFile, boolean dhcpBroadcastReply, Duration resyncInterval,
    Duration fullResyncInterval, Duration checkChildProcessesInterval, Duration reportInterval,
    String availabilityZone) {

  public DhcpAgentConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(statePath, "statePath");
    dnsDomain = dnsDomain == null ? "" : dnsDomain;
    dnsmasqDnsServers = List.copyOf(dnsmasqDnsServers);
    dnsmasqConfigFile = dnsmasqConfigFile == null ? "" : dnsmasqConfigFile;
  }

  /** Neutron Zed's defaults for everything but the host and the state path. */
  public static DhcpAgentConfig defaults(String host, Path statePath) {
    return new DhcpAgentConfig(host, statePath, 86400, "openstacklocal", List.of(), false,
        1 << 24, "", false, Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(60),
        Duration.ofSeconds(30), "nova");
  }

  public Path dhcpConfs() {
    return statePath.resolve("dhcp");
  }
}
