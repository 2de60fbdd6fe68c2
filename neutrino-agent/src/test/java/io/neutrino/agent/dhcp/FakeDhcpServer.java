package io.neutrino.agent.dhcp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for neutron-server's DHCP RPC endpoint (dhcp_rpc.py) until the messaging layer is
 * wired: networks as Neutron-shaped dicts, a DHCP port created with the next free address, and a
 * record of the calls. Thread-safe enough for one agent thread and one test thread.
 */
final class FakeDhcpServer implements DhcpPluginApi {
  final Map<String, Map<String, Object>> networks = new LinkedHashMap<>();
  final List<String> calls = new CopyOnWriteArrayList<>();
  /** Every port id dhcp_ready_on_ports has named. */
  final Set<String> readyPorts = ConcurrentHashMap.newKeySet();
  private int nextHost = 2;

  static Map<String, Object> subnet(String id, String networkId, String cidr, String gateway,
      List<String> dns, List<Map<String, Object>> hostRoutes) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("id", id);
    s.put("network_id", networkId);
    s.put("cidr", cidr);
    s.put("ip_version", 4);
    s.put("enable_dhcp", true);
    s.put("gateway_ip", gateway);
    s.put("dns_nameservers", dns);
    s.put("host_routes", hostRoutes);
    s.put("ipv6_address_mode", null);
    s.put("ipv6_ra_mode", null);
    return s;
  }

  static Map<String, Object> port(String id, String networkId, String mac, String owner,
      String deviceId, String subnetId, String ip) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("id", id);
    p.put("network_id", networkId);
    p.put("mac_address", mac);
    p.put("device_owner", owner);
    p.put("device_id", deviceId);
    p.put("admin_state_up", true);
    p.put("fixed_ips", List.of(Map.of("subnet_id", subnetId, "ip_address", ip)));
    p.put("extra_dhcp_opts", List.of());
    return p;
  }

  static Map<String, Object> network(String id, int mtu, Map<String, Object> subnet) {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("id", id);
    n.put("name", "net");
    n.put("project_id", "p1");
    n.put("tenant_id", "p1");
    n.put("admin_state_up", true);
    n.put("mtu", mtu);
    n.put("subnets", new ArrayList<>(List.of(subnet)));
    n.put("ports", new ArrayList<Map<String, Object>>());
    return n;
  }

  @SuppressWarnings("unchecked")
  synchronized List<Map<String, Object>> ports(String networkId) {
    return (List<Map<String, Object>>) networks.get(networkId).get("ports");
  }

  synchronized void addNetwork(Map<String, Object> network) {
    networks.put((String) network.get("id"), network);
  }

  synchronized void removeNetwork(String id) {
    networks.remove(id);
  }

  synchronized void addPort(Map<String, Object> port) {
    ports((String) port.get("network_id")).add(port);
  }

  @Override
  public synchronized List<Map<String, Object>> getActiveNetworksInfo(boolean enableDhcpFilter) {
    calls.add("get_active_networks_info");
    return networks.values().stream().map(FakeDhcpServer::copy).toList();
  }

  @Override
  public synchronized Optional<Map<String, Object>> getNetworkInfo(String networkId) {
    calls.add("get_network_info " + networkId);
    return Optional.ofNullable(networks.get(networkId)).map(FakeDhcpServer::copy);
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized Map<String, Object> createDhcpPort(Map<String, Object> body) {
    Map<String, Object> req = (Map<String, Object>) body.get("port");
    String networkId = (String) req.get("network_id");
    calls.add("create_dhcp_port " + networkId);
    Map<String, Object> subnet =
        ((List<Map<String, Object>>) networks.get(networkId).get("subnets")).get(0);
    String cidr = (String) subnet.get("cidr");
    String base = cidr.substring(0, cidr.lastIndexOf('.') + 1);
    int host = nextHost++;
    Map<String, Object> port = port("dddddddd-0000-0000-0000-" + String.format("%012d", host),
        networkId, String.format("fa:16:3e:00:00:%02x", host), DhcpNetwork.DEVICE_OWNER_DHCP,
        (String) req.get("device_id"), (String) subnet.get("id"), base + host);
    ports(networkId).add(port);
    return copy(port);
  }

  @Override
  public synchronized Map<String, Object> updateDhcpPort(String portId, Map<String, Object> port) {
    throw new UnsupportedOperationException("not used by these tests");
  }

  @Override
  public synchronized void releaseDhcpPort(String networkId, String deviceId) {
    calls.add("release_dhcp_port " + networkId);
    if (networks.containsKey(networkId)) {
      ports(networkId).removeIf(p -> deviceId.equals(p.get("device_id")));
    }
  }

  @Override
  public void dhcpReadyOnPorts(Collection<String> portIds) {
    calls.add("dhcp_ready_on_ports");
    readyPorts.addAll(portIds);
  }

  @Override
  public String reportState(Map<String, Object> agentState) {
    calls.add("report_state");
    return "alive";
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copy(Map<String, Object> m) {
    Map<String, Object> c = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (v instanceof List<?> l) {
        c.put(k, l.stream().map(e -> e instanceof Map ? copy((Map<String, Object>) e) : e)
            .toList());
      } else {
        c.put(k, v);
      }
    });
    return c;
  }
}
