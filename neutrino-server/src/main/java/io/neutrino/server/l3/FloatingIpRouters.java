package io.neutrino.server.l3;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * get_router_for_floatingip (neutron/db/l3_db.py): the router that connects an internal subnet to
 * an external network, preferring the one holding the subnet's gateway IP. Shared by floating IP
 * association and floating IP port forwardings. What counts is what the router holds: its
 * interfaces in router_ports and its gateway in routers.gw_port_id, both changed with the router
 * row locked (so a caller that locks the router row first gets an answer that stays true until
 * it commits).
 */
public final class FloatingIpRouters {
  private FloatingIpRouters() {}

  /** The router id, or {@code null} when the external network is not reachable from the subnet. */
  public static String routerFor(Handle h, String internalNetworkId, String subnetId,
      String externalNetworkId) {
    String gateway = (String) RouterResource.subnet(h, subnetId).get("gateway_ip");
    List<Map<String, Object>> rows = h.createQuery(
            "SELECT DISTINCT rp.router_id AS router_id, ia.ip_address AS ip_address "
                + "FROM router_ports rp JOIN ports ip ON ip.id = rp.port_id "
                + "JOIN ipallocations ia ON ia.port_id = ip.id "
                + "JOIN routers r ON r.id = rp.router_id "
                + "JOIN ports gw ON gw.id = r.gw_port_id "
                + "WHERE ip.network_id = ? AND rp.port_type = ? AND ia.subnet_id = ? "
                + "AND gw.network_id = ? ORDER BY rp.router_id")
        .bind(0, internalNetworkId).bind(1, L3RouterPlugin.OWNER_INTERFACE).bind(2, subnetId)
        .bind(3, externalNetworkId).mapToMap().list();
    String first = null;
    for (Map<String, Object> r : rows) {
      if (Objects.equals(r.get("ip_address"), gateway)) {
        return (String) r.get("router_id");
      }
      if (first == null) {
        first = (String) r.get("router_id");
      }
    }
    return first;
  }
}
