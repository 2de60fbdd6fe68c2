package io.neutrino.agent.dhcp;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A network as the DHCP agent sees it: the Neutron-shaped dict of {@code get_network_info}
 * (network attributes with {@code subnets} and {@code ports} lists, as neutron/api/rpc/handlers/
 * dhcp_rpc.py builds it), read into values once so the rest of the agent never digs in maps.
 */
public record DhcpNetwork(String id, String projectId, boolean adminStateUp, int mtu,
    List<Subnet> subnets, List<Port> ports) {

  public static final String DEVICE_OWNER_DHCP = "network:dhcp";
  public static final String DEVICE_OWNER_ROUTER_INTF = "network:router_interface";
  /** neutron_lib.constants.ROUTER_INTERFACE_OWNERS: ports whose address may be a gateway. */
  public static final List<String> ROUTER_INTERFACE_OWNERS = List.of(DEVICE_OWNER_ROUTER_INTF,
      "network:ha_router_replicated_interface", "network:router_interface_distributed");
  /** Ports dnsmasq never serves (neutron/agent/linux/dhcp.py port_requires_dhcp_configuration). */
  private static final List<String> NO_DHCP_OWNERS = List.of("network:router_ha_interface",
      "network:floatingip", DEVICE_OWNER_DHCP, "network:router_interface_distributed");

  public record HostRoute(String destination, String nexthop) {}

  public record Subnet(String id, String cidr, int ipVersion, boolean enableDhcp, String gatewayIp,
      List<String> dnsNameservers, List<HostRoute> hostRoutes, String ipv6AddressMode,
      String ipv6RaMode, String segmentId) {
    public int prefixLength() {
      return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
    }
  }

  public record FixedIp(String subnetId, String ipAddress) {}

  public record ExtraDhcpOpt(String optName, String optValue, int ipVersion) {}

  /** {@code dnsAssignment}: the server's hostname and fqdn per IP (dns extension), may be empty. */
  public record DnsAssignment(String ipAddress, String hostname, String fqdn) {}

  public record Port(String id, String networkId, String macAddress, String deviceId,
      String deviceOwner, List<FixedIp> fixedIps, List<ExtraDhcpOpt> extraDhcpOpts,
      List<DnsAssignment> dnsAssignment) {
    public boolean requiresDhcpConfiguration() {
      return deviceOwner == null || deviceOwner.isEmpty() || !NO_DHCP_OWNERS.contains(deviceOwner);
    }

    public static Port fromMap(Map<String, ?> p) {
      return new Port(str(p, "id"), str(p, "network_id"), str(p, "mac_address"),
          str(p, "device_id"), str(p, "device_owner"),
          maps(p, "fixed_ips").stream()
              .map(f -> new FixedIp(str(f, "subnet_id"), str(f, "ip_address"))).toList(),
          maps(p, "extra_dhcp_opts").stream()
              .map(o -> new ExtraDhcpOpt(str(o, "opt_name"), str(o, "opt_value"),
                  o.get("ip_version") == null ? 4 : ((Number) o.get("ip_version")).intValue()))
              .toList(),
          maps(p, "dns_assignment").stream()
              .map(d -> new DnsAssignment(str(d, "ip_address"), str(d, "hostname"), str(d, "fqdn")))
              .toList());
    }
  }

  public boolean hasDhcpEnabledSubnet() {
    return subnets.stream().anyMatch(Subnet::enableDhcp);
  }

  public String namespace() {
    return "qdhcp-" + id;
  }

  public Optional<Port> port(String portId) {
    return ports.stream().filter(p -> p.id().equals(portId)).findFirst();
  }

  public Optional<Subnet> subnet(String subnetId) {
    return subnets.stream().filter(s -> s.id().equals(subnetId)).findFirst();
  }

  /** The same network with {@code port} added or replacing the port of the same id. */
  public DhcpNetwork withPort(Port port) {
    List<Port> others = ports.stream().filter(p -> !p.id().equals(port.id())).toList();
    return new DhcpNetwork(id, projectId, adminStateUp, mtu,
        subnets, java.util.stream.Stream.concat(others.stream(), java.util.stream.Stream.of(port))
            .toList());
  }

  public DhcpNetwork withoutPort(String portId) {
    return new DhcpNetwork(id, projectId, adminStateUp, mtu, subnets,
        ports.stream().filter(p -> !p.id().equals(portId)).toList());
  }

  /** Reads the Neutron-shaped network dict (subnets and ports included). */
  public static DhcpNetwork fromMap(Map<String, ?> n) {
    // non_local_subnets (routed networks' other segments) are served like local ones, as
    // dhcp.py _get_all_subnets does.
    List<Map<String, ?>> allSubnets = new java.util.ArrayList<>(maps(n, "subnets"));
    allSubnets.addAll(maps(n, "non_local_subnets"));
    List<Subnet> subnets = allSubnets.stream().map(s -> new Subnet(str(s, "id"), str(s, "cidr"),
        ((Number) s.get("ip_version")).intValue(), !Boolean.FALSE.equals(s.get("enable_dhcp")),
        str(s, "gateway_ip"), strings(s, "dns_nameservers"),
        maps(s, "host_routes").stream()
            .map(r -> new HostRoute(str(r, "destination"), str(r, "nexthop"))).toList(),
        str(s, "ipv6_address_mode"), str(s, "ipv6_ra_mode"), str(s, "segment_id"))).toList();
    String project = n.get("project_id") != null ? str(n, "project_id") : str(n, "tenant_id");
    Object mtu = n.get("mtu");
    return new DhcpNetwork(str(n, "id"), project, !Boolean.FALSE.equals(n.get("admin_state_up")),
        mtu == null ? 0 : ((Number) mtu).intValue(), subnets,
        maps(n, "ports").stream().map(Port::fromMap).toList());
  }

  static String str(Map<String, ?> m, String key) {
    Object v = m.get(key);
    return v == null ? null : v.toString();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, ?>> maps(Map<String, ?> m, String key) {
    Object v = m.get(key);
    return v == null ? List.of() : (List<Map<String, ?>>) v;
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Map<String, ?> m, String key) {
    Object v = m.get(key);
    return v == null ? List.of() : ((List<Object>) v).stream().map(Objects::toString).toList();
  }
}
