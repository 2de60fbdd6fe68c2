package io.neutrino.agent.l3;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A router as {@code sync_routers} returns it (neutron/db/l3_db.py get_sync_data with
 * l3_rpc.py's additions), read into values once.
 */
public record Router(String id, boolean adminStateUp, boolean enableSnat, Optional<Port> gwPort,
    List<Port> interfaces, List<FloatingIp> floatingIps, List<ExtraRoute> routes) {

  public record FixedIp(String subnetId, String ipAddress, int prefixlen) {
    public String cidr() {
      return ipAddress + "/" + prefixlen;
    }

    public boolean isV4() {
      return !ipAddress.contains(":");
    }
  }

  public record Subnet(String id, String cidr, String gatewayIp) {}

  public record Port(String id, String networkId, String macAddress, int mtu,
      List<FixedIp> fixedIps, List<Subnet> subnets) {}

  public record FloatingIp(String id, String floatingIpAddress, String fixedIpAddress,
      String status) {}

  public record ExtraRoute(String destination, String nexthop) {}

  public String namespace() {
    return "qrouter-" + id;
  }

  public static Router fromMap(Map<String, ?> r) {
    Object gw = r.get("gw_port");
    @SuppressWarnings("unchecked")
    Optional<Port> gwPort = gw instanceof Map ? Optional.of(port((Map<String, ?>) gw))
        : Optional.empty();
    return new Router(str(r, "id"), !Boolean.FALSE.equals(r.get("admin_state_up")),
        !Boolean.FALSE.equals(r.get("enable_snat")), gwPort,
        maps(r, "_interfaces").stream().map(Router::port).toList(),
        maps(r, "_floatingips").stream()
            .filter(f -> f.get("fixed_ip_address") != null)
            .map(f -> new FloatingIp(str(f, "id"), str(f, "floating_ip_address"),
                str(f, "fixed_ip_address"), str(f, "status")))
            .toList(),
        maps(r, "routes").stream()
            .map(x -> new ExtraRoute(str(x, "destination"), str(x, "nexthop"))).toList());
  }

  private static Port port(Map<String, ?> p) {
    List<Subnet> subnets = maps(p, "subnets").stream()
        .map(s -> new Subnet(str(s, "id"), str(s, "cidr"), str(s, "gateway_ip"))).toList();
    List<FixedIp> ips = maps(p, "fixed_ips").stream().map(f -> {
      Object prefixlen = f.get("prefixlen");
      int len = prefixlen != null ? ((Number) prefixlen).intValue()
          : subnets.stream().filter(s -> s.id().equals(str(f, "subnet_id"))).findFirst()
              .map(s -> Integer.parseInt(s.cidr().substring(s.cidr().indexOf('/') + 1)))
              .orElse(str(f, "ip_address").contains(":") ? 128 : 32);
      return new FixedIp(str(f, "subnet_id"), str(f, "ip_address"), len);
    }).toList();
    Object mtu = p.get("mtu");
    return new Port(str(p, "id"), str(p, "network_id"), str(p, "mac_address"),
        mtu == null ? 0 : ((Number) mtu).intValue(), ips, subnets);
  }

  private static String str(Map<String, ?> m, String key) {
    Object v = m.get(key);
    return v == null ? null : v.toString();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, ?>> maps(Map<String, ?> m, String key) {
    Object v = m.get(key);
    return v == null ? List.of() : (List<Map<String, ?>>) v;
  }
}
