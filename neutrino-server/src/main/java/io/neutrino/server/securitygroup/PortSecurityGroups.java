package io.neutrino.server.securitygroup;

import io.neutrino.lib.apidef.AttributeSpec;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.events.ResourceEvent;
import io.neutrino.server.db.Batches;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.StatedExtender;
import io.neutrino.server.db.Where;
import io.neutrino.server.db.WriteBehind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The security groups of ports, through the core's port events (ML2's
 * _portsec_ext_port_create_processing / _update_processing and SecurityGroupDbMixin's port
 * methods): a port without security_groups in its request gets its project's default group
 * unless port security is off or the port is a network:* (router, DHCP …) port; {@code []} means
 * none; named groups must be the port project's or shared with it (any for an admin); groups and
 * disabled port security exclude each other. Bindings live in securitygroupportbindings.
 */
final class PortSecurityGroups {
  private static final String TRUSTED_PREFIX = "network:";
  private static final String ATTR = "security_groups";

  private final SgStore store;

  PortSecurityGroups(SgStore store) {
    this.store = store;
  }

  void register(Callbacks callbacks) {
    callbacks.subscribe("network", Event.BEFORE_CREATE, this::beforeCreate);
    callbacks.subscribe("port", Event.BEFORE_CREATE, this::beforeCreate);
    callbacks.subscribe("port", Event.PRECOMMIT_CREATE, this::portCreated);
    callbacks.subscribe("port", Event.PRECOMMIT_UPDATE, this::portUpdated);
    // portCreated always puts the groups it bound on the port as written: not read back.
    callbacks.extendDicts("port", Callbacks.DictExtender.copyingWritten(List.of(ATTR),
        StatedExtender.stating(PortSecurityGroups::extend, portId -> new Callbacks.SideRead<>(
            "SELECT security_group_id FROM securitygroupportbindings WHERE port_id = ? ORDER BY security_group_id",
            List.of(portId), rs -> rs.getString(1), (port, groups) -> port.put(ATTR, new ArrayList<>(groups))))));
  }

  private static boolean trusted(Object deviceOwner) {
    return deviceOwner instanceof String s && s.startsWith(TRUSTED_PREFIX);
  }

  private static boolean given(Map<String, Object> request) {
    return request != null && request.containsKey(ATTR) && request.get(ATTR) != AttributeSpec.NOT_SPECIFIED;
  }

  @SuppressWarnings("unchecked")
  private static List<String> requested(Map<String, Object> request) {
    Object v = request.get(ATTR);
    return v instanceof List<?> l ? (List<String>) l : List.of();
  }

  /**
   * Neutron creates the project's default group before networks and ports, outside their
   * transaction; a port's precommit ensures it again, so a recent sighting is enough here.
   */
  private void beforeCreate(ResourceEvent e) {
    Map<String, Object> state = e.latest();
    if (state == null) {
      return;
    }
    Object project = state.get("project_id") != null ? state.get("project_id") : state.get("tenant_id");
    if (project != null) {
      store.ensureDefaultSoon(e.context(), project.toString());
    }
  }

  private void portCreated(ResourceEvent e) {
    Handle h = (Handle) e.transaction();
    Map<String, Object> port = e.latest();
    Map<String, Object> request = e.request();
    String project = (String) port.get("project_id");
    boolean portSecurity = !Boolean.FALSE.equals(port.get("port_security_enabled"));
    boolean isGiven = given(request);
    List<String> groups = isGiven ? requested(request) : null;
    boolean projectDefault = false;
    if (portSecurity) {
      if (!isGiven && !trusted(port.get("device_owner"))) {
        String dflt = SgStore.mayEnsure(e.context(), project)
            ? store.defaultGroupIn(h, e.context(), project) : null;
        groups = dflt == null ? null : List.of(dflt);
        projectDefault = true;
      }
    } else if (groups != null && !groups.isEmpty()) {
      throw SgFaults.portSecurityRequired();
    }
    if (groups == null || trusted(port.get("device_owner"))) {
      port.put(ATTR, List.of());
      return;
    }
    // The project's own default group needs no visibility check.
    List<String> ids = projectDefault ? groups : checkGroups(h, e.context(), project, groups);
    boolean rememberedDefault = projectDefault;
    bind(h, (String) port.get("id"), ids, ex -> {
      if (rememberedDefault && Database.isForeignKeyViolation(ex)) {
        // The default group this server remembered was deleted meanwhile (e.g. by another server).
        store.forgetDefault(project);
        return new Database.RetryRequest("default security group of " + project + " is gone");
      }
      return null;
    });
    port.put(ATTR, sorted(ids));
  }

  private void portUpdated(ResourceEvent e) {
    Handle h = (Handle) e.transaction();
    Map<String, Object> original = e.original();
    Map<String, Object> changes = e.request() == null ? Map.of() : e.request();
    String portId = e.resourceId();
    Object ps = changes.containsKey("port_security_enabled") ? changes.get("port_security_enabled")
        : original.get("port_security_enabled");
    boolean portSecurity = !Boolean.FALSE.equals(ps);
    boolean isGiven = given(changes);
    List<String> wanted = isGiven ? requested(changes) : null;
    if (!portSecurity) {
      if (wanted != null && !wanted.isEmpty()) {
        throw SgFaults.portSecurityRequired();
      }
      if (wanted == null && !SgStore.bindingsOfPort(h, portId).isEmpty()) {
        throw SgFaults.portHasSecurityGroup();
      }
    }
    if (!isGiven) {
      return;
    }
    List<String> current = SgStore.bindingsOfPort(h, portId);
    if (new HashSet<>(current).equals(new HashSet<>(wanted)) && current.size() == new HashSet<>(wanted).size()) {
      return;
    }
    Object owner = changes.containsKey("device_owner") ? changes.get("device_owner") : original.get("device_owner");
    List<String> ids = trusted(owner) ? List.of() : checkGroups(h, e.context(), null, wanted);
    h.execute("DELETE FROM securitygroupportbindings WHERE port_id = ?", portId);
    bind(h, portId, ids, WriteBehind.OnFailure.NONE);
  }

  /**
   * _get_security_groups_on_port: every group must exist and be usable — the port project's or
   * shared with it (any for an admin; on update the caller's project counts) — else
   * SecurityGroupNotFound naming the missing ones;
   * stateful and stateless groups do not mix on one port.
   */
  private List<String> checkGroups(Handle h, RequestContext ctx, String project, List<String> groups) {
    List<String> unique = new ArrayList<>(new LinkedHashSet<>(groups));
    if (unique.isEmpty()) {
      return unique;
    }
    List<Map<String, Object>> rows = SecurityGroupTables.GROUPS.select(h,
        new Where().in("securitygroups.id", unique), List.of(), null, false, null);
    Map<Object, Map<String, Object>> byId = new LinkedHashMap<>();
    for (Map<String, Object> r : rows) {
      if (SgStore.usableBy(h, ctx, r, project == null ? ctx.projectId() : project)) {
        byId.put(r.get("id"), r);
      }
    }
    List<String> missing = unique.stream().filter(id -> !byId.containsKey(id)).toList();
    if (!missing.isEmpty()) {
      throw SgFaults.groupNotFound(String.join(", ", missing));
    }
    Set<Object> stateful = new HashSet<>();
    byId.values().forEach(r -> stateful.add(r.get("stateful")));
    if (stateful.size() > 1) {
      throw SgFaults.conflict("SecurityGroupConflict", "Error Cannot apply both stateful and "
          + "stateless security groups on the same port at the same time while attempting the operation.");
    }
    return unique;
  }

  private static void bind(Handle h, String portId, List<String> groups, WriteBehind.OnFailure onFailure) {
    if (groups.isEmpty()) {
      return;
    }
    List<Object> params = new ArrayList<>();
    for (String g : groups) {
      params.add(portId);
      params.add(g);
    }
    WriteBehind.write(h, onFailure, "INSERT INTO securitygroupportbindings (port_id, security_group_id) VALUES "
        + String.join(", ", Collections.nCopies(groups.size(), "(?, ?)")), params.toArray());
  }

  private static List<String> sorted(List<String> ids) {
    List<String> out = new ArrayList<>(ids);
    Collections.sort(out);
    return out;
  }

  /** Dict extender: security_groups of each port, sorted, one query per 500 ports. */
  private static Callbacks.PageRead extend(List<Map<String, Object>> ports) {
    return Batches.stated("SELECT port_id, security_group_id FROM securitygroupportbindings WHERE", List.of(),
            "port_id", Resources.ids(ports), "port_id, security_group_id",
            rs -> Map.entry(rs.getString(1), rs.getString(2)), Map.Entry::getKey)
        .grouped(Map.Entry::getValue, byPort -> {
          for (Map<String, Object> p : ports) {
            p.put(ATTR, new ArrayList<>(byPort.getOrDefault(p.get("id"), List.of())));
          }
        });
  }
}
