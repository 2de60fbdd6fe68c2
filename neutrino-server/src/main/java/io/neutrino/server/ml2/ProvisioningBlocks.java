package io.neutrino.server.ml2;

import io.neutrino.lib.apidef.Agent;
import io.neutrino.server.core.CoreTables;
import io.neutrino.server.db.Batches;
import io.neutrino.server.db.Database;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Handle;

/**
 * What must still report before a port may go ACTIVE (neutron/db/provisioning_blocks.py with the
 * ML2 hooks that add them): the L2 agent of the port's host ({@code L2}, mech_agent's
 * _insert_provisioning_block) and, when a DHCP agent serves a DHCP-enabled subnet of the port, the
 * DHCP agent ({@code DHCP}, plugin.py _setup_dhcp_agent_provisioning_component). The L2 agent ends
 * its block with {@code update_device_up}, the DHCP agent with {@code dhcp_ready_on_ports}; the
 * port turns ACTIVE when the last block goes. Ports of the network's own services (router, DHCP,
 * floating IP ports, and ports without owner: ML2's NO_PBLOCKS_TYPES) get none.
 *
 * <p>Blocks live in {@code provisioningblocks}, keyed by port id (Neutron keys them by the port's
 * standard attribute id, which Neutrino's ports do not have); they go with the port.
 *
 * <p>One deliberate difference: a DHCP report never wakes a port that is DOWN. Neutron turns any
 * unblocked port ACTIVE when the DHCP agent reports it, which after a DHCP agent restart (it then
 * reports every port it serves) includes ports whose instance is gone; here only the L2 agent, which
 * has the device, or the last block of a port waiting in BUILD, makes a port ACTIVE.
 */
public final class ProvisioningBlocks {
  /** neutron.db.provisioning_blocks.L2_AGENT_ENTITY. */
  public static final String L2 = "L2";
  /** neutron.db.provisioning_blocks.DHCP_ENTITY. */
  public static final String DHCP = "DHCP";
  /** ML2's NO_PBLOCKS_TYPES: owners whose ports never wait for agents. */
  static final Set<String> NO_BLOCK_OWNERS = Set.of("", "network:router_interface_distributed",
      "network:ha_router_replicated_interface", "network:router_interface", "network:router_gateway",
      "network:router_centralized_snat", "network:dhcp", "network:floatingip_agent_gateway",
      "network:router_ha_interface", "network:floatingip");
  /** The agents that end an L2 block (the agent mechanism drivers' types). */
  private static final List<String> L2_AGENT_TYPES = List.of(Agent.TYPE_LINUXBRIDGE, Agent.TYPE_OVS);

  private final Database db;
  /** Whether any DHCP agent is registered: without one no port gets a DHCP block, unasked. */
  private final BooleanSupplier anyDhcpAgents;

  ProvisioningBlocks(Database db, BooleanSupplier anyDhcpAgents) {
    this.db = Objects.requireNonNull(db);
    this.anyDhcpAgents = Objects.requireNonNull(anyDhcpAgents);
  }

  /**
   * In the transaction writing a port: its blocks for what it now waits for. {@code original} is
   * null for a new port; {@code host} and {@code originalHost} are the binding hosts.
   */
  void portWritten(Handle h, Map<String, Object> port, Map<String, Object> original, String host,
      String originalHost) {
    if (NO_BLOCK_OWNERS.contains(String.valueOf(port.get("device_owner")))) {
      return;
    }
    String id = (String) port.get("id");
    boolean hostChanged = original == null || !Objects.equals(host, originalHost);
    if (hostChanged && host != null && !host.isEmpty() && !"ACTIVE".equals(port.get("status"))
        && hasL2Agent(h, host)) {
      add(h, id, L2);
    }
    if (original == null || !Objects.equals(port.get("fixed_ips"), original.get("fixed_ips"))
        || !Objects.equals(port.get("mac_address"), original.get("mac_address"))) {
      if (original != null) {
        h.execute("DELETE FROM provisioningblocks WHERE port_id = ? AND entity = ?", id, DHCP);
      }
      if (anyDhcpAgents.getAsBoolean()) {
        addDhcpIfServed(h, id, (String) port.get("network_id"), subnetIds(port));
      }
    }
  }

  /** Whether an L2 agent has reported from {@code host}, alive or not (mech_agent's host_agents). */
  private static boolean hasL2Agent(Handle h, String host) {
    return h.createQuery("SELECT COUNT(*) FROM agents WHERE host = ? AND agent_type IN (?, ?)")
        .bind(0, host).bind(1, L2_AGENT_TYPES.get(0)).bind(2, L2_AGENT_TYPES.get(1))
        .mapTo(Integer.class).one() > 0;
  }

  /** The DHCP block, when a DHCP agent hosts the network and one of the port's subnets has DHCP. */
  private static void addDhcpIfServed(Handle h, String portId, String networkId, List<Object> subnets) {
    if (subnets.isEmpty()) {
      return;
    }
    Batches.InList in = Batches.in(subnets);
    var query = h.createQuery("SELECT COUNT(*) FROM networkdhcpagentbindings b JOIN subnets s "
        + "ON s.network_id = b.network_id WHERE b.network_id = ? AND s.enable_dhcp = TRUE AND s.id IN "
        + in.sql()).bind(0, networkId);
    if (in.bind(query, 1).mapTo(Integer.class).one() > 0) {
      h.execute("INSERT INTO provisioningblocks (port_id, entity) VALUES (?, ?)", portId, DHCP);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Object> subnetIds(Map<String, Object> port) {
    Set<Object> ids = new LinkedHashSet<>();
    if (port.get("fixed_ips") instanceof List<?> ips) {
      for (Object ip : ips) {
        if (ip instanceof Map<?, ?> m && m.get("subnet_id") != null) {
          ids.add(((Map<String, Object>) m).get("subnet_id"));
        }
      }
    }
    return new ArrayList<>(ids);
  }

  private static void add(Handle h, String portId, String entity) {
    boolean present = h.createQuery("SELECT COUNT(*) FROM provisioningblocks WHERE port_id = ? AND entity = ?")
        .bind(0, portId).bind(1, entity).mapTo(Integer.class).one() > 0;
    if (!present) {
      h.execute("INSERT INTO provisioningblocks (port_id, entity) VALUES (?, ?)", portId, entity);
    }
  }

  /**
   * {@code entity} is done with the port (provisioning_complete). True when the port should now
   * turn ACTIVE: no block is left, it is admin up, and either the L2 agent reported or the port
   * waits in BUILD.
   */
  boolean complete(String portId, String entity) {
    return db.tx(h -> {
      Map<String, Object> row = CoreTables.PORTS.findForUpdate(h, portId).orElse(null);
      if (row == null) {
        return false;
      }
      h.execute("DELETE FROM provisioningblocks WHERE port_id = ? AND entity = ?", portId, entity);
      boolean blocked = h.createQuery("SELECT COUNT(*) FROM provisioningblocks WHERE port_id = ?")
          .bind(0, portId).mapTo(Integer.class).one() > 0;
      return !blocked && Boolean.TRUE.equals(row.get("admin_state_up"))
          && (entity.equals(L2) || "BUILD".equals(row.get("status")));
    });
  }

  /** The port's blocks (for tests and logs). */
  public List<String> of(String portId) {
    return db.read(h -> h.createQuery("SELECT entity FROM provisioningblocks WHERE port_id = ? ORDER BY entity")
        .bind(0, portId).mapTo(String.class).list());
  }
}
