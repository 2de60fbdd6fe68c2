package io.neutrino.agent.dhcp;

import io.neutrino.agent.dhcp.DhcpNetwork.DnsAssignment;
import io.neutrino.agent.dhcp.DhcpNetwork.ExtraDhcpOpt;
import io.neutrino.agent.dhcp.DhcpNetwork.FixedIp;
import io.neutrino.agent.dhcp.DhcpNetwork.HostRoute;
import io.neutrino.agent.dhcp.DhcpNetwork.Port;
import io.neutrino.agent.dhcp.DhcpNetwork.Subnet;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contents of dnsmasq's files and command line for one network, as neutron/agent/linux/dhcp.py
 * Dnsmasq writes them: {@code host} (one {@code dhcp-host} per fixed IP), {@code addn_hosts}
 * (DNS names), {@code opts} (per-subnet and per-port DHCP options) and the initial {@code leases}.
 * Pure: the same network and settings give the same text.
 *
 * <p>Isolated-subnet metadata (the 169.254.169.254 route to the DHCP port and its proxy) is not
 * served: Neutrino has no metadata proxy in the DHCP namespace yet, so it behaves as Neutron with
 * {@code enable_isolated_metadata = False}.
 */
public final class DnsmasqConfig {
  private static final String SUBNET_TAG = "subnet-";
  private static final String PORT_TAG = "port-";
  private static final String HOST_DHCPV6_TAG = "tag:dhcpv6,";
  private static final String DHCPV6_STATEFUL = "dhcpv6-stateful";
  private static final String DHCPV6_STATELESS = "dhcpv6-stateless";
  private static final String IPV6_SLAAC = "slaac";
  private static final String METADATA_CIDR = "169.254.169.254/32";
  /** Windows 2003 reads classless static routes from option 249 instead of 121. */
  private static final String WIN2K3_STATIC_DNS = "249";
  private static final Set<String> CLIENT_ID_NAMES = Set.of("client-id", "61");
  private static final Pattern TAGGED_OPTION = Pattern.compile("(tag:(.*),)?(.*)$");

  private final DhcpAgentConfig conf;
  private final DhcpNetwork network;

  public DnsmasqConfig(DhcpAgentConfig conf, DhcpNetwork network) {
    this.conf = Objects.requireNonNull(conf);
    this.network = Objects.requireNonNull(network);
  }

  /** One DHCP-served address of a port, with its DNS names (dhcp.py _iter_hosts). */
  private record Host(Port port, FixedIp alloc, String hostname, String fqdn, boolean noDhcp,
      boolean noOpts, String tag) {}

  private List<Host> hosts() {
    Map<String, Subnet> v6 = new HashMap<>();
    for (Subnet s : network.subnets()) {
      if (s.ipVersion() == 6) {
        v6.put(s.id(), s);
      }
    }
    List<Host> hosts = new ArrayList<>();
    for (Port port : network.ports()) {
      if (!port.requiresDhcpConfiguration()) {
        continue;
      }
      // Stateless IPv6 entries first: dnsmasq reads the file from the end and would otherwise
      // answer a DHCPv4 request with the address-less stateless entry.
      List<FixedIp> ips = port.fixedIps().stream()
          .sorted(Comparator.comparing((FixedIp f) -> !(v6.containsKey(f.subnetId())
              && DHCPV6_STATELESS.equals(v6.get(f.subnetId()).ipv6AddressMode()))))
          .toList();
      for (FixedIp alloc : ips) {
        boolean noDhcp = false;
        boolean noOpts = false;
        String tag = "";
        Subnet s6 = v6.get(alloc.subnetId());
        if (s6 != null) {
          noDhcp = IPV6_SLAAC.equals(s6.ipv6AddressMode())
              || DHCPV6_STATELESS.equals(s6.ipv6AddressMode());
          tag = HOST_DHCPV6_TAG;
          noOpts = IPV6_SLAAC.equals(s6.ipv6AddressMode());
        }
        String[] names = dnsNames(alloc.ipAddress(), port.dnsAssignment());
        hosts.add(new Host(port, alloc, names[0], names[1], noDhcp, noOpts, tag));
      }
    }
    return hosts;
  }

  private String[] dnsNames(String ip, List<DnsAssignment> assignment) {
    for (DnsAssignment d : assignment) {
      if (ip.equals(d.ipAddress())) {
        return new String[] {d.hostname(), d.fqdn()};
      }
    }
    String hostname = "host-" + ip.replace('.', '-').replace(':', '-');
    return new String[] {hostname, conf.dnsDomain().isEmpty() ? hostname
        : hostname + "." + conf.dnsDomain()};
  }

  private Set<String> dhcpSubnetIds() {
    Set<String> ids = new HashSet<>();
    network.subnets().stream().filter(Subnet::enableDhcp).forEach(s -> ids.add(s.id()));
    return ids;
  }

  /** The {@code --dhcp-hostsfile}: {@code mac,[tag:…,][id:…,]fqdn,ip[,set:port-<id>]} lines. */
  public String hostsFile() {
    StringBuilder buf = new StringBuilder();
    Set<String> dhcpSubnets = dhcpSubnetIds();
    for (Host h : hosts()) {
      Port port = h.port();
      boolean hasOpts = !port.extraDhcpOpts().isEmpty();
      if (h.noDhcp()) {
        if (!h.noOpts() && hasOpts) {
          buf.append(port.macAddress()).append(',').append(h.tag()).append("set:")
              .append(PORT_TAG).append(port.id()).append('\n');
        }
        continue;
      }
      if (!dhcpSubnets.contains(h.alloc().subnetId())) {
        continue;
      }
      String ip = literal(h.alloc().ipAddress());
      String mac = port.macAddress();
      if (hasOpts) {
        String clientId = clientId(port);
        if (clientId != null && port.extraDhcpOpts().size() > 1) {
          buf.append(String.join(",", mac, h.tag() + "id:" + clientId, h.fqdn(), ip,
              "set:" + PORT_TAG + port.id()));
        } else if (clientId != null) {
          buf.append(String.join(",", mac, h.tag() + "id:" + clientId, h.fqdn(), ip));
        } else {
          buf.append(String.join(",", mac, h.tag() + h.fqdn(), ip, "set:" + PORT_TAG + port.id()));
        }
      } else {
        buf.append(String.join(",", mac, h.tag() + h.fqdn(), ip));
      }
      buf.append('\n');
    }
    return buf.toString();
  }

  /** The {@code --addn-hosts} file: /etc/hosts lines, fqdn first so PTR answers with it. */
  public String addnHostsFile() {
    StringBuilder buf = new StringBuilder();
    for (Host h : hosts()) {
      buf.append(h.alloc().ipAddress()).append('\t').append(h.fqdn()).append(' ')
          .append(h.hostname()).append('\n');
    }
    return buf.toString();
  }

  /**
   * The initial {@code --dhcp-leasefile}: a lease per IPv4 fixed IP so a restarted dnsmasq does
   * not NAK clients renewing leases it gave before ({@code epoch mac ip * *}).
   */
  public String initialLeases(long nowEpochSeconds) {
    long expiry = conf.dhcpLeaseDuration() == -1 ? 0 : nowEpochSeconds + conf.dhcpLeaseDuration();
    Set<String> v4 = new HashSet<>();
    network.subnets().stream().filter(s -> s.enableDhcp() && s.ipVersion() == 4)
        .forEach(s -> v4.add(s.id()));
    StringBuilder buf = new StringBuilder();
    for (Host h : hosts()) {
      if (!h.noDhcp() && v4.contains(h.alloc().subnetId())) {
        buf.append(expiry).append(' ').append(h.port().macAddress()).append(' ')
            .append(h.alloc().ipAddress()).append(" * *\n");
      }
    }
    return buf.toString();
  }

  /** The {@code --dhcp-optsfile}: subnet options, then the ports' extra_dhcp_opts. */
  public String optsFile() {
    Set<String> withoutNameservers = new HashSet<>();
    List<String> options = new ArrayList<>(subnetOptions(withoutNameservers));
    options.addAll(portOptions(withoutNameservers));
    return String.join("\n", options);
  }

  private List<String> subnetOptions(Set<String> withoutNameservers) {
    List<String> options = new ArrayList<>();
    Map<String, Boolean> isolated = isolatedSubnets();
    for (Subnet subnet : network.subnets()) {
      if (!subnet.enableDhcp()
          || (subnet.ipVersion() == 6 && IPV6_SLAAC.equals(subnet.ipv6AddressMode()))) {
        continue;
      }
      String tag = SUBNET_TAG + subnet.id();
      if (!subnet.dnsNameservers().isEmpty()) {
        if (allAnyAddress(subnet.dnsNameservers())) {
          // 0.0.0.0 / :: as the only nameserver means "announce none".
          options.add(format(subnet.ipVersion(), tag, "dns-server"));
        } else {
          options.add(format(subnet.ipVersion(), tag, "dns-server",
              String.join(",", literals(subnet.ipVersion(), subnet.dnsNameservers()))));
        }
      } else {
        withoutNameservers.add(subnet.id());
      }
      if (!conf.dnsDomain().isEmpty() && subnet.ipVersion() == 6) {
        options.add(format(6, tag, "domain-search", conf.dnsDomain()));
      }
      String gateway = subnet.gatewayIp();
      List<String> hostRoutes = new ArrayList<>();
      for (HostRoute hr : subnet.hostRoutes()) {
        if (hr.destination().equals("0.0.0.0/0")) {
          if (gateway == null) {
            gateway = hr.nexthop();
          }
        } else {
          hostRoutes.add(hr.destination() + "," + hr.nexthop());
        }
      }
      if (!isolated.getOrDefault(subnet.id(), true) && gateway != null) {
        hostRoutes.add(METADATA_CIDR + "," + gateway);
      }
      if (subnet.ipVersion() == 4) {
        for (Subnet other : network.subnets()) {
          if (other.ipVersion() == 4 && !other.cidr().equals(subnet.cidr())
              && Objects.equals(other.segmentId(), subnet.segmentId())) {
            hostRoutes.add(0, other.cidr() + ",0.0.0.0");
          }
        }
        if (!hostRoutes.isEmpty()) {
          // Classless static routes replace the router option at the client (RFC 3442), so the
          // default route has to be among them.
          if (gateway != null) {
            hostRoutes.add("0.0.0.0/0," + gateway);
          }
          options.add(format(4, tag, "classless-static-route", String.join(",", hostRoutes)));
          options.add(format(4, tag, WIN2K3_STATIC_DNS, String.join(",", hostRoutes)));
        }
        options.add(gateway != null ? format(4, tag, "router", gateway) : format(4, tag, "router"));
      }
    }
    return options;
  }

  private List<String> portOptions(Set<String> withoutNameservers) {
    List<String> options = new ArrayList<>();
    Map<String, List<String>> dhcpIps = new LinkedHashMap<>();
    for (Port port : network.ports()) {
      Set<Integer> versions = new HashSet<>();
      port.fixedIps().forEach(f -> versions.add(version(f.ipAddress())));
      for (ExtraDhcpOpt opt : port.extraDhcpOpts()) {
        if (CLIENT_ID_NAMES.contains(opt.optName()) || !versions.contains(opt.ipVersion())) {
          continue;
        }
        options.add(format(opt.ipVersion(), PORT_TAG + port.id(), opt.optName(), opt.optValue()));
      }
      // With several DHCP ports on a subnet (several agents) and no nameservers given, every
      // dnsmasq is announced as a DNS server.
      if (DhcpNetwork.DEVICE_OWNER_DHCP.equals(port.deviceOwner())) {
        for (FixedIp ip : port.fixedIps()) {
          if (withoutNameservers.contains(ip.subnetId())) {
            dhcpIps.computeIfAbsent(ip.subnetId(), k -> new ArrayList<>()).add(ip.ipAddress());
          }
        }
      }
    }
    dhcpIps.forEach((subnetId, ips) -> {
      for (int v : new int[] {4, 6}) {
        List<String> vx = ips.stream().filter(ip -> version(ip) == v).toList();
        if (vx.size() > 1) {
          options.add(format(v, SUBNET_TAG + subnetId, "dns-server",
              String.join(",", literals(v, vx))));
        }
      }
    });
    return options;
  }

  /** A subnet is not isolated when a router port holds its gateway IP. */
  private Map<String, Boolean> isolatedSubnets() {
    Map<String, Boolean> isolated = new HashMap<>();
    for (Port port : network.ports()) {
      if (!DhcpNetwork.ROUTER_INTERFACE_OWNERS.contains(port.deviceOwner())) {
        continue;
      }
      for (FixedIp ip : port.fixedIps()) {
        network.subnet(ip.subnetId()).filter(s -> ip.ipAddress().equals(s.gatewayIp()))
            .ifPresent(s -> isolated.put(s.id(), false));
      }
    }
    return isolated;
  }

  /** dnsmasq's command line (dhcp.py _build_cmdline_callback), {@code dnsmasq} first. */
  public List<String> commandLine(Path dir) {
    List<String> cmd = new ArrayList<>(List.of("dnsmasq", "--no-hosts"));
    if (!conf.dnsmasqDnsServers().isEmpty() || !conf.dnsmasqLocalResolv()) {
      cmd.add("--no-resolv");
    }
    cmd.addAll(List.of("--pid-file=" + dir.resolve("pid"),
        "--dhcp-hostsfile=" + dir.resolve("host"),
        "--addn-hosts=" + dir.resolve("addn_hosts"),
        "--dhcp-optsfile=" + dir.resolve("opts"),
        "--dhcp-leasefile=" + dir.resolve("leases"),
        "--dhcp-match=set:ipxe,175", "--dhcp-userclass=set:ipxe6,iPXE", "--local-service",
        "--bind-dynamic"));
    String lease = conf.dhcpLeaseDuration() == -1 ? "infinite" : conf.dhcpLeaseDuration() + "s";
    BigInteger possibleLeases = BigInteger.ZERO;
    for (Subnet subnet : network.subnets()) {
      if (!subnet.enableDhcp()) {
        continue;
      }
      String tag = "set:" + SUBNET_TAG + subnet.id();
      String networkAddress = subnet.cidr().substring(0, subnet.cidr().indexOf('/'));
      int prefix = subnet.prefixLength();
      if (subnet.ipVersion() == 4) {
        cmd.add("--dhcp-range=" + String.join(",", tag, networkAddress, "static",
            netmask(prefix), lease));
        possibleLeases = possibleLeases.add(BigInteger.ONE.shiftLeft(32 - prefix));
      } else {
        String mode = subnet.ipv6AddressMode();
        boolean staticMode = DHCPV6_STATEFUL.equals(mode) || DHCPV6_STATELESS.equals(mode)
            || (mode == null && subnet.ipv6RaMode() == null);
        // dnsmasq cannot serve prefixes shorter than /64.
        if (!staticMode || prefix < 64) {
          continue;
        }
        cmd.add("--dhcp-range=" + String.join(",", tag, networkAddress, "static",
            Integer.toString(prefix), lease));
        possibleLeases = possibleLeases.add(BigInteger.ONE.shiftLeft(128 - prefix));
      }
    }
    if (network.mtu() > 0) {
      cmd.add("--dhcp-option-force=option:mtu," + network.mtu());
    }
    cmd.add("--dhcp-lease-max="
        + possibleLeases.min(BigInteger.valueOf(conf.dnsmasqLeaseMax())));
    cmd.add("--conf-file=" + (conf.dnsmasqConfigFile().isBlank() ? "/dev/null"
        : conf.dnsmasqConfigFile().strip()));
    for (String server : conf.dnsmasqDnsServers()) {
      cmd.add("--server=" + server);
    }
    if (!conf.dnsDomain().isEmpty()) {
      cmd.add("--domain=" + conf.dnsDomain());
    }
    if (conf.dhcpBroadcastReply()) {
      cmd.add("--dhcp-broadcast");
    }
    return cmd;
  }

  /** {@code tag:<tag>,[extra tag,]option:<name>|<number>|option6:<x>,values…}. */
  static String format(int ipVersion, String tag, String option, String... values) {
    Matcher m = TAGGED_OPTION.matcher(option.split("\n", 2)[0]);
    m.matches();
    String extraTag = m.group(1);
    String name = m.group(3);
    if (ipVersion == 6) {
      name = "option6:" + name;
    } else if (!name.chars().allMatch(Character::isDigit) || name.isEmpty()) {
      name = "option:" + name;
    }
    List<String> parts = new ArrayList<>();
    parts.add("tag:" + tag);
    if (extraTag != null) {
      parts.add(extraTag.substring(0, extraTag.length() - 1));
    }
    parts.add(name);
    for (String v : values) {
      parts.add(v.split("\n", 2)[0]);
    }
    return String.join(",", parts);
  }

  private static String clientId(Port port) {
    return port.extraDhcpOpts().stream().filter(o -> CLIENT_ID_NAMES.contains(o.optName()))
        .map(ExtraDhcpOpt::optValue).findFirst().orElse(null);
  }

  private static boolean allAnyAddress(List<String> servers) {
    return servers.size() == 1 && (servers.get(0).equals("0.0.0.0") || servers.get(0).equals("::"));
  }

  private static List<String> literals(int ipVersion, List<String> ips) {
    return ipVersion == 4 ? ips : ips.stream().map(ip -> "[" + ip + "]").toList();
  }

  private static String literal(String ip) {
    return ip.contains(":") ? "[" + ip + "]" : ip;
  }

  private static int version(String ip) {
    return ip.contains(":") ? 6 : 4;
  }

  static String netmask(int prefix) {
    long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    return (mask >> 24) + "." + ((mask >> 16) & 255) + "." + ((mask >> 8) & 255) + "."
        + (mask & 255);
  }
}
