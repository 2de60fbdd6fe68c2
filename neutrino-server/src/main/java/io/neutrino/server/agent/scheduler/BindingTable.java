package io.neutrino.server.agent.scheduler;

import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * One of the two binding tables (see db/migration/V51__agent_schedulers.sql): which agents a
 * network or router is bound to, each binding with its index.
 */
final class BindingTable {
  static final BindingTable DHCP =
      new BindingTable("networkdhcpagentbindings", "network_id", "dhcp_agent_id");
  static final BindingTable L3 =
      new BindingTable("routerl3agentbindings", "router_id", "l3_agent_id");

  /** The lowest binding_index (neutron's LOWEST_BINDING_INDEX). */
  static final int LOWEST_INDEX = 1;

  record Binding(String resourceId, String agentId) {}

  private final String table;
  private final String resource;
  private final String agent;

  private BindingTable(String table, String resource, String agent) {
    this.table = table;
    this.resource = resource;
    this.agent = agent;
  }

  List<String> agentsOf(Handle h, String resourceId) {
    return h.createQuery("SELECT " + agent + " FROM " + table + " WHERE " + resource
        + " = ? ORDER BY binding_index").bind(0, resourceId).mapTo(String.class).list();
  }

  List<String> resourcesOf(Handle h, String agentId) {
    return h.createQuery("SELECT " + resource + " FROM " + table + " WHERE " + agent + " = ? ORDER BY "
        + resource).bind(0, agentId).mapTo(String.class).list();
  }

  List<Integer> indices(Handle h, String resourceId) {
    return h.createQuery("SELECT binding_index FROM " + table + " WHERE " + resource + " = ?")
        .bind(0, resourceId).mapTo(Integer.class).list();
  }

  int countOf(Handle h, String agentId) {
    return h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE " + agent + " = ?")
        .bind(0, agentId).mapTo(Integer.class).one();
  }

  /** Bindings whose agent's last heartbeat is older than {@code cutoff}. */
  List<Binding> withAgentsSilentSince(Handle h, java.time.Instant cutoff) {
    return h.createQuery("SELECT b." + resource + ", b." + agent + " FROM " + table + " b JOIN agents a ON a.id = b."
            + agent + " WHERE a.heartbeat_timestamp < ? ORDER BY b." + agent + ", b." + resource)
        .bind(0, java.sql.Timestamp.from(cutoff))
        .map((rs, c) -> new Binding(rs.getString(1), rs.getString(2))).list();
  }

  void insert(Handle h, String resourceId, String agentId, int index) {
    h.createUpdate("INSERT INTO " + table + " (" + resource + ", " + agent
            + ", binding_index) VALUES (?, ?, ?)")
        .bind(0, resourceId).bind(1, agentId).bind(2, index).execute();
  }

  int delete(Handle h, String resourceId, String agentId) {
    return h.createUpdate("DELETE FROM " + table + " WHERE " + resource + " = ? AND " + agent + " = ?")
        .bind(0, resourceId).bind(1, agentId).execute();
  }

  int deleteAll(Handle h, String resourceId) {
    return h.createUpdate("DELETE FROM " + table + " WHERE " + resource + " = ?")
        .bind(0, resourceId).execute();
  }

  /**
   * neutron's get_vacant_binding_index: the lowest index in 1..wanted not taken, or -1 when all
   * are; a forced (manual) binding past {@code wanted} gets the first gap or the next index.
   */
  static int vacantIndex(int wanted, List<Integer> taken, boolean force) {
    for (int i = LOWEST_INDEX; i <= wanted; i++) {
      if (!taken.contains(i)) {
        return i;
      }
    }
    if (!force) {
      return -1;
    }
    for (int i = LOWEST_INDEX; ; i++) {
      if (!taken.contains(i)) {
        return i;
      }
    }
  }

  /**
   * True when {@code e} says another transaction bound the same slot first or the resource or
   * agent was deleted meanwhile: the scheduling attempt lost a race, which is not an error.
   */
  static boolean lostRace(Throwable e) {
    if (io.neutrino.server.db.Database.isDuplicateKey(e)) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        int code = sql.getErrorCode();
        if ("23503".equals(state) || "23506".equals(state) || code == 1452 || code == 1216
            || code == 23506) {
          return true; // foreign key: the network, router or agent is gone
        }
      }
    }
    return false;
  }
}
