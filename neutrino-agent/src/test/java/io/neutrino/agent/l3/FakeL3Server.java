package io.neutrino.agent.l3;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for neutron-server's L3 RPC endpoint (l3_rpc.py) until the messaging layer is wired:
 * routers as the Neutron-shaped dicts {@code sync_routers} returns, and the floating IP statuses
 * reported back.
 */
final class FakeL3Server implements L3PluginApi {
  final Map<String, Map<String, Object>> routers = new LinkedHashMap<>();
  final List<Map<String, String>> fipStatusReports = new CopyOnWriteArrayList<>();

  static Map<String, Object> port(String id, String networkId, String mac, String ip, String cidr,
      String gateway) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("id", id);
    p.put("network_id", networkId);
    p.put("mac_address", mac);
    p.put("mtu", 1500);
    String subnetId = "sub-" + id;
    p.put("fixed_ips", List.of(Map.of("subnet_id", subnetId, "ip_address", ip,
        "prefixlen", Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1)))));
    Map<String, Object> subnet = new LinkedHashMap<>();
    subnet.put("id", subnetId);
    subnet.put("cidr", cidr);
    subnet.put("gateway_ip", gateway);
    p.put("subnets", List.of(subnet));
    return p;
  }

  static Map<String, Object> fip(String id, String floating, String fixed) {
    return Map.of("id", id, "floating_ip_address", floating, "fixed_ip_address", fixed,
        "status", "DOWN", "port_id", "port-" + id);
  }

  synchronized void put(Map<String, Object> router) {
    routers.put((String) router.get("id"), router);
  }

  synchronized void remove(String id) {
    routers.remove(id);
  }

  @Override
  public synchronized List<Map<String, Object>> syncRouters(Collection<String> routerIds) {
    List<Map<String, Object>> out = new ArrayList<>();
    routers.forEach((id, r) -> {
      if (routerIds == null || routerIds.contains(id)) {
        out.add(new LinkedHashMap<>(r));
      }
    });
    return out;
  }

  @Override
  public void updateFloatingipStatuses(String routerId, Map<String, String> fipStatuses) {
    fipStatusReports.add(Map.copyOf(fipStatuses));
  }

  @Override
  public String getExternalNetworkId() {
    throw new UnsupportedOperationException("not used by these tests");
  }

  @Override
  public String reportState(Map<String, Object> agentState) {
    return "alive";
  }
}
