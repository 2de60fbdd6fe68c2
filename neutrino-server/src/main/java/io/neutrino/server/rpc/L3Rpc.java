package io.neutrino.server.rpc;

import io.neutrino.lib.spi.PluginContext;
import io.neutrino.server.db.Database;
import io.neutrino.server.ipam.Cidr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The server side of the L3 agent's RPC (neutron/api/rpc/handlers/l3_rpc.py, topic
 * {@code q-l3-plugin}): routers as the agent realises them (l3_db get_sync_data), with the gateway
 * port, the interfaces and the floating IPs, each port carrying its subnets and MTU.
 */
public final class L3Rpc {
  static final String OWNER_INTERFACE = "network:router_interface";
  static final String OWNER_GATEWAY = "network:router_gateway";

  private final CoreReads reads;
  private final PluginContext plugins;
  private final Database db;
  private final Function<String, Set<String>> routersOfHost;

  /** @param routersOfHost the routers scheduled to the L3 agent on a host (scheduling first) */
  L3Rpc(CoreReads reads, PluginContext plugins, Database db, Function<String, Set<String>> routersOfHost) {
    this.reads = reads;
    this.plugins = plugins;
    this.db = db;
    this.routersOfHost = routersOfHost;
  }

  /** {@code get_router_ids}: the routers the agent on {@code host} hosts. */
  public List<String> routerIds(String host) {
    return List.copyOf(routersOfHost.apply(host));
  }

  /**
   * {@code sync_routers}: the agent's routers (only {@code routerIds} when given), after making
   * their ports' binding host the agent's so its L2 agent wires them.
   */
  public List<Map<String, Object>> syncRouters(String host, List<String> routerIds) {
    Set<String> ids = new LinkedHashSet<>(routersOfHost.apply(host));
    if (routerIds != null) {
      ids.retainAll(routerIds);
    }
    List<Map<String, Object>> routers = syncData(ids);
    if (ensureHostOnPorts(host, routers)) {
      routers = syncData(ids);
    }
    return routers;
  }

  @SuppressWarnings("unchecked")
  private boolean ensureHostOnPorts(String host, List<Map<String, Object>> routers) {
    boolean changed = false;
    for (Map<String, Object> r : routers) {
      List<Map<String, Object>> ports = new ArrayList<>(
          (List<Map<String, Object>>) r.getOrDefault("_interfaces", List.of()));
      if (r.get("gw_port") instanceof Map<?, ?> gw) {
        ports.add((Map<String, Object>) gw);
      }
      for (Map<String, Object> p : ports) {
        if (!host.equals(p.get("binding:host_id"))) {
          plugins.handler("ports").update(CoreReads.admin(), (String) p.get("id"),
              Map.of("binding:host_id", host));
          changed = true;
        }
      }
    }
    return changed;
  }

  List<Map<String, Object>> syncData(Set<String> ids) {
    List<Map<String, Object>> routers = reads.where("routers", "id", ids);
    if (routers.isEmpty()) {
      return routers;
    }
    Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
    routers.forEach(r -> byId.put((String) r.get("id"), r));
    List<Map<String, Object>> toPopulate = new ArrayList<>();
    for (Map<String, Object> p : reads.where("ports", "device_id", byId.keySet())) {
      Map<String, Object> router = byId.get((String) p.get("device_id"));
      if (OWNER_GATEWAY.equals(p.get("device_owner"))) {
        router.put("gw_port", p);
        if (router.get("external_gateway_info") instanceof Map<?, ?> gw) {
          router.put("enable_snat", gw.get("enable_snat"));
        }
        toPopulate.add(p);
      } else if (OWNER_INTERFACE.equals(p.get("device_owner"))) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ifaces = (List<Map<String, Object>>) router
            .computeIfAbsent("_interfaces", k -> new ArrayList<Map<String, Object>>());
        ifaces.add(p);
        toPopulate.add(p);
      }
    }
    populateSubnetsAndMtu(toPopulate);
    for (Map<String, Object> fip : reads.where("floatingips", "router_id", byId.keySet())) {
      fip.put("fixed_ip_address_scope", null);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> fips = (List<Map<String, Object>>) byId.get((String) fip.get("router_id"))
          .computeIfAbsent("_floatingips", k -> new ArrayList<Map<String, Object>>());
      fips.add(fip);
    }
    return routers;
  }

  /** l3_db _populate_mtu_and_subnets_for_ports: subnets, extra_subnets, prefixlen, MTU. */
  @SuppressWarnings("unchecked")
  private void populateSubnetsAndMtu(List<Map<String, Object>> ports) {
    Set<Object> networkIds = new LinkedHashSet<>();
    ports.forEach(p -> networkIds.add(p.get("network_id")));
    Map<Object, Object> mtus = new LinkedHashMap<>();
    reads.where("networks", "id", networkIds).forEach(n -> mtus.put(n.get("id"), n.get("mtu")));
    Map<Object, List<Map<String, Object>>> subnetsByNet = new LinkedHashMap<>();
    reads.where("subnets", "network_id", networkIds).forEach(s ->
        subnetsByNet.computeIfAbsent(s.get("network_id"), k -> new ArrayList<>()).add(s));
    for (Map<String, Object> port : ports) {
      List<Map<String, Object>> fixed = (List<Map<String, Object>>) port.getOrDefault("fixed_ips", List.of());
      if (fixed.isEmpty()) {
        continue;
      }
      List<Map<String, Object>> fixedWithPrefix = new ArrayList<>();
      fixed.forEach(f -> fixedWithPrefix.add(new LinkedHashMap<>(f)));
      List<Map<String, Object>> subnets = new ArrayList<>();
      List<Map<String, Object>> extra = new ArrayList<>();
      Map<String, Object> scopes = new LinkedHashMap<>();
      scopes.put("4", null);
      scopes.put("6", null);
      for (Map<String, Object> s : subnetsByNet.getOrDefault(port.get("network_id"), List.of())) {
        Map<String, Object> info = new LinkedHashMap<>();
        for (String k : List.of("id", "cidr", "gateway_ip", "dns_nameservers", "ipv6_ra_mode", "subnetpool_id")) {
          info.put(k, s.get(k));
        }
        boolean used = false;
        for (Map<String, Object> f : fixedWithPrefix) {
          if (s.get("id").equals(f.get("subnet_id"))) {
            f.put("prefixlen", Cidr.parse((String) s.get("cidr")).prefixLength());
            used = true;
          }
        }
        (used ? subnets : extra).add(info);
      }
      port.put("fixed_ips", fixedWithPrefix);
      port.put("subnets", subnets);
      port.put("extra_subnets", extra);
      port.put("address_scopes", scopes);
      port.put("mtu", mtus.getOrDefault(port.get("network_id"), 0));
    }
  }

  /** {@code update_floatingip_statuses}: the agent's view of each floating IP (ACTIVE, DOWN …). */
  public void updateFloatingipStatuses(String routerId, Map<String, String> statuses) {
    db.txVoid(h -> statuses.forEach((id, status) ->
        h.execute("UPDATE floatingips SET status = ? WHERE id = ?", status, id)));
  }

  /** {@code get_external_network_id}: the one external network, when there is exactly one. */
  public String externalNetworkId() {
    List<Map<String, Object>> nets = reads.where("networks", "router:external", List.of(true));
    if (nets.size() != 1) {
      throw new IllegalStateException(nets.isEmpty() ? "no external network"
          : "more than one external network: the agent must be told which to use");
    }
    return (String) nets.get(0).get("id");
  }
}
