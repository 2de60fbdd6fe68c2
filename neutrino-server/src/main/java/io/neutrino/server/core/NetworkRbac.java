package io.neutrino.server.core;

import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.fault.Faults;
import io.neutrino.server.db.Batches;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Resources;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * RBAC entries on networks (neutron/db/rbac_db_mixin.py, network_rbac): the rows of {@code
 * networkrbacs}, the '*' entries mirrored by the {@code shared} / {@code router:external} flags, and
 * the rule that an entry other projects depend on (their ports) cannot be removed.
 */
final class NetworkRbac {
  private NetworkRbac() {}

  static String insert(Handle h, String projectId, String networkId, String action, String target) {
    String id = UUID.randomUUID().toString();
    Timestamp now = Timestamp.from(Resources.now());
    try {
      h.execute("INSERT INTO networkrbacs (id, project_id, object_id, action, target_tenant, created_at, "
          + "updated_at, revision_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          id, projectId == null ? "" : projectId, networkId, action, target, now, now, 1L);
    } catch (RuntimeException e) {
      if (Database.isDuplicateKey(e)) {
        throw Faults.conflict("DuplicateRbacPolicy", "An RBAC policy already exists with those values.");
      }
      throw e;
    }
    return id;
  }

  /** Turns the '*' entry for {@code action} on or off, as PUT shared / router:external does. */
  static void setWildcard(Handle h, RequestContext ctx, Map<String, Object> network, String action, boolean on) {
    String networkId = (String) network.get("id");
    if (on) {
      insert(h, (String) network.get("project_id"), networkId, action, "*");
      return;
    }
    if (action.equals("access_as_shared") && othersDependOn(h, network, "*")) {
      throw Faults.conflict("InvalidSharedSetting", "Unable to reconfigure sharing settings for network "
          + networkId + ". Multiple tenants are using it.");
    }
    h.execute("DELETE FROM networkrbacs WHERE object_id = ? AND action = ? AND target_tenant = ?",
        networkId, action, "*");
  }

  /**
   * Whether projects other than the owner have ports on the network that only the entry for
   * {@code target} lets them have (the other entries and the '*' flag are taken into account).
   */
  static boolean othersDependOn(Handle h, Map<String, Object> network, String target) {
    String networkId = (String) network.get("id");
    List<String> users = h.createQuery("SELECT DISTINCT project_id FROM ports WHERE network_id = ? "
        + "AND project_id <> ? AND project_id <> ?")
        .bind(0, networkId).bind(1, network.get("project_id")).bind(2, "").mapTo(String.class).list();
    if (users.isEmpty()) {
      return false;
    }
    Set<String> remaining = new HashSet<>(h.createQuery("SELECT target_tenant FROM networkrbacs WHERE "
        + "object_id = ? AND action = ? AND target_tenant <> ?")
        .bind(0, networkId).bind(1, "access_as_shared").bind(2, target).mapTo(String.class).list());
    if (remaining.contains("*")) {
      return false;
    }
    for (String u : users) {
      if (!remaining.contains(u)) {
        return true;
      }
    }
    return false;
  }

  /** Networks among {@code networkIds} shared with the caller's project by its own entry. */
  static Set<String> sharedWith(Handle h, RequestContext ctx, Collection<Object> networkIds) {
    Set<String> out = new HashSet<>();
    if (ctx.projectId() == null || networkIds.isEmpty()) {
      return out;
    }
    for (List<Object> chunk : Batches.chunks(new ArrayList<>(networkIds))) {
      Batches.InList in = Batches.in(chunk);
      var q = in.bind(h.createQuery("SELECT object_id FROM networkrbacs WHERE action = ? AND target_tenant = ? "
          + "AND object_id IN " + in.sql()).bind(0, "access_as_shared").bind(1, ctx.projectId()), 2);
      out.addAll(q.mapTo(String.class).list());
    }
    return out;
  }
}
