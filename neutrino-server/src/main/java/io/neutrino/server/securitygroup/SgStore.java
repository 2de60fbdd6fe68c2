package io.neutrino.server.securitygroup;

import io.neutrino.lib.ids.Uuids;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.events.ResourceEvent;
import io.neutrino.server.core.Tags;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Resources;
import io.neutrino.server.quota.QuotaEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * What the security group handlers and the port callbacks share: visibility, loading groups with
 * their rules, inserting a group with its automatic rules, and the one default group per project
 * (SecurityGroupDbMixin._ensure_default_security_group).
 */
final class SgStore {
  static final String DEFAULT_NAME = "default";
  static final String DEFAULT_DESCRIPTION = "Default security group";

  final Database db;
  final Callbacks callbacks;
  final Tags tags = new Tags();
  private final QuotaEngine quotas;
  /** Projects whose default group this server saw, with when (System.nanoTime). */
  private final java.util.concurrent.ConcurrentHashMap<String, KnownDefault> knownDefaults =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final long KNOWN_DEFAULT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
  private static final int KNOWN_DEFAULTS_MAX = 100_000;

  SgStore(Database db, Callbacks callbacks, QuotaEngine quotas) {
    this.db = db;
    this.callbacks = callbacks;
    this.quotas = quotas;
  }

  void publish(String resource, Event event, Handle h, RequestContext ctx, String id,
      Map<String, Object> original, Map<String, Object> latest, Map<String, Object> request) {
    callbacks.publish(new ResourceEvent(resource, event, ctx, id, original, latest, request, h));
  }

  static boolean owns(RequestContext ctx, Map<String, Object> row) {
    return ctx.isAdmin() || Objects.equals(ctx.projectId(), row.get("project_id"));
  }

  /**
   * The group if it exists and the caller may see it: its project's, one shared with its project
   * or all (rbac-security-groups), any for an admin.
   */
  Optional<Map<String, Object>> visibleGroup(Handle h, RequestContext ctx, String id) {
    if (id == null) {
      return Optional.empty();
    }
    return SecurityGroupTables.GROUPS.find(h, id)
        .filter(r -> SecurityGroupTables.GROUP_RBAC.visible(h, ctx, r));
  }

  /**
   * The group, locked, if the caller may change it: its project's, any for an admin (the policy
   * engine has already refused others; a group shared with the caller is not its to change).
   */
  Optional<Map<String, Object>> ownedGroup(Handle h, RequestContext ctx, String id) {
    if (id == null) {
      return Optional.empty();
    }
    return SecurityGroupTables.GROUPS.findForUpdate(h, id).filter(r -> owns(ctx, r));
  }

  /**
   * Whether resources of {@code project} may use the group (_check_security_group,
   * _get_security_groups_on_port): an admin caller any, others their project's and those shared
   * with it.
   */
  static boolean usableBy(Handle h, RequestContext ctx, Map<String, Object> group, Object project) {
    return SecurityGroupTables.GROUP_RBAC.usableBy(h, ctx, group, project == null ? null : project.toString());
  }

  // ------------------------------------------------------------------ default group

  /**
   * Makes sure {@code project} has its default group, in a transaction of its own; nothing when a
   * non-admin asks for another project (bug 1987410). Returns the group id or null.
   */
  String ensureDefault(RequestContext ctx, String project) {
    if (!mayEnsure(ctx, project)) {
      return null;
    }
    String existing = db.read(h -> defaultGroupId(h, project));
    String id = existing != null ? existing : db.tx(h -> ensureDefaultIn(h, ctx, project));
    if (id != null) {
      knownDefaults.put(project, new KnownDefault(id, System.nanoTime()));
    }
    return id;
  }

  /**
   * {@link #ensureDefault} unless this server saw the project's default group in the last few
   * seconds. Only for callers that need the group to exist soon, not now: port creates ensure it
   * again inside their transaction, so a group deleted meanwhile (here or by another server) is
   * recreated there; this saves a read on every create.
   */
  void ensureDefaultSoon(RequestContext ctx, String project) {
    if (recentDefault(project) != null) {
      return;
    }
    if (knownDefaults.size() > KNOWN_DEFAULTS_MAX) {
      knownDefaults.clear();
    }
    ensureDefault(ctx, project);
  }

  /**
   * The project's default group inside a port create's transaction: the one this server saw in
   * the last few seconds without asking the database (the binding's foreign key still checks it
   * exists: {@link PortSecurityGroups} starts over when it does not), else {@link #ensureDefaultIn}.
   */
  String defaultGroupIn(Handle h, RequestContext ctx, String project) {
    String recent = recentDefault(project);
    return recent != null ? recent : ensureDefaultIn(h, ctx, project);
  }

  private String recentDefault(String project) {
    KnownDefault known = knownDefaults.get(project);
    return known != null && System.nanoTime() - known.seenNanos() < KNOWN_DEFAULT_NANOS ? known.groupId() : null;
  }

  /** A default group this server saw committed, and when. */
  private record KnownDefault(String groupId, long seenNanos) {}

  /** The project's default group is gone (deleted here): ensure it again on the next create. */
  void forgetDefault(Object project) {
    if (project != null) {
      knownDefaults.remove(project.toString());
    }
  }

  static boolean mayEnsure(RequestContext ctx, String project) {
    return project != null && !project.isEmpty()
        && (ctx.isAdmin() || project.equals(ctx.projectId()));
  }

  static String defaultGroupId(Handle h, String project) {
    return h.createQuery("SELECT security_group_id FROM default_security_group WHERE project_id = ?")
        .bind(0, project).mapTo(String.class).findFirst().orElse(null);
  }

  /**
   * The default group of {@code project}, created in the open transaction when missing. Two
   * transactions creating it at once collide on default_security_group's primary key: the loser
   * starts over and then finds the winner's group.
   */
  String ensureDefaultIn(Handle h, RequestContext ctx, String project) {
    String existing = defaultGroupId(h, project);
    if (existing != null) {
      return existing;
    }
    String id = Uuids.randomString();
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("project_id", project);
    group.put("name", DEFAULT_NAME);
    group.put("description", DEFAULT_DESCRIPTION);
    group.put("stateful", true);
    try {
      insertGroup(h, ctx, id, group, true, null);
      h.execute("INSERT INTO default_security_group (project_id, security_group_id) VALUES (?, ?)",
          project, id);
    } catch (RuntimeException e) {
      if (Database.isDuplicateKey(e)) {
        throw new Database.RetryRequest("default security group of " + project + " created concurrently");
      }
      throw e;
    }
    return id;
  }

  /**
   * Inserts a group with its automatic rules (egress IPv4 and IPv6 to anywhere; for a default
   * group also ingress from the group itself) and publishes its PRECOMMIT_CREATE.
   */
  Map<String, Object> insertGroup(Handle h, RequestContext ctx, String id, Map<String, Object> given,
      boolean isDefault, Map<String, Object> request) {
    Instant now = Resources.now();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("project_id", given.get("project_id"));
    row.put("name", Objects.requireNonNullElse(given.get("name"), ""));
    row.put("description", Objects.requireNonNullElse(given.get("description"), ""));
    row.put("created_at", now);
    row.put("updated_at", now);
    row.put("revision_number", 1L);
    row.put("stateful", !Boolean.FALSE.equals(given.get("stateful")));
    SecurityGroupTables.GROUPS.insert(h, row);
    for (String ethertype : List.of("IPv4", "IPv6")) {
      if (isDefault) {
        insertRule(h, autoRule(id, row.get("project_id"), "ingress", ethertype, id, now));
      }
      insertRule(h, autoRule(id, row.get("project_id"), "egress", ethertype, null, now));
    }
    // The automatic rules (2, 4 for a default group) count against the project's
    // security_group_rule quota: a project whose limit they would pass gets OverQuota, wherever
    // its group was being made (listing groups, creating a group, a network or a port). Zed's
    // create_security_group compares only those 2 or 4 with the limit (quota_limit_check),
    // letting a project already at its limit go past it; here they count with what the project
    // has, as every other create does.
    Object project = row.get("project_id");
    if (project != null && !project.toString().isEmpty()) {
      quotas.enforce(h, "security_group_rule", project.toString());
    }
    Map<String, Object> shown = decorateGroups(h, ctx, new ArrayList<>(List.of(
        SecurityGroupTables.GROUPS.find(h, id).orElseThrow()))).get(0);
    publish("security_group", Event.PRECOMMIT_CREATE, h, ctx, id, null, shown,
        request == null ? given : request);
    return shown;
  }

  private static Map<String, Object> autoRule(String groupId, Object project, String direction,
      String ethertype, String remoteGroup, Instant now) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", Uuids.randomString());
    r.put("project_id", project);
    r.put("description", "");
    r.put("created_at", now);
    r.put("updated_at", now);
    r.put("revision_number", 1L);
    r.put("security_group_id", groupId);
    r.put("remote_group_id", remoteGroup);
    r.put("direction", direction);
    r.put("ethertype", ethertype);
    return r;
  }

  static void insertRule(Handle h, Map<String, Object> rule) {
    SecurityGroupTables.RULES.insert(h, rule);
  }

  // ------------------------------------------------------------------ presentation

  static Map<String, Object> showRule(Map<String, Object> row) {
    Resources.standardAttributes(row);
    return row;
  }

  /** Rules of the given groups, keyed by group id, each list in creation order. */
  static Map<Object, List<Map<String, Object>>> rulesOf(Handle h, List<Object> groupIds) {
    Map<Object, List<Map<String, Object>>> out = new LinkedHashMap<>();
    if (groupIds.isEmpty()) {
      return out;
    }
    for (int from = 0; from < groupIds.size(); from += 500) {
      List<Object> chunk = groupIds.subList(from, Math.min(groupIds.size(), from + 500));
      io.neutrino.server.db.Where w = new io.neutrino.server.db.Where()
          .in("securitygrouprules.security_group_id", chunk);
      List<Map<String, Object>> rows = SecurityGroupTables.RULES.select(h, w,
          List.of(new io.neutrino.lib.spi.ListQuery.Sort("created_at", true)), null, false, null);
      for (Map<String, Object> r : rows) {
        out.computeIfAbsent(r.get("security_group_id"), k -> new ArrayList<>()).add(showRule(r));
      }
    }
    return out;
  }

  /** Rules, tags and {@code shared} (whether shared with the caller's project or all). */
  List<Map<String, Object>> decorateGroups(Handle h, RequestContext ctx, List<Map<String, Object>> rows) {
    Map<Object, List<String>> tagsById = tags.load(h, rows);
    Map<Object, List<Map<String, Object>>> rules = rulesOf(h, Resources.ids(rows));
    java.util.Set<String> shared = SecurityGroupTables.GROUP_RBAC.sharedWith(h, ctx.projectId(),
        Resources.ids(rows));
    for (Map<String, Object> row : rows) {
      Resources.standardAttributes(row);
      row.put("shared", shared.contains(row.get("id")));
      row.put("security_group_rules", rules.getOrDefault(row.get("id"), List.of()));
      row.put("tags", tagsById.getOrDefault(row.get("id"), List.of()));
    }
    return rows;
  }

  // ------------------------------------------------------------------ port bindings

  static List<String> bindingsOfPort(Handle h, String portId) {
    List<String> ids = new ArrayList<>(h.createQuery(
            "SELECT security_group_id FROM securitygroupportbindings WHERE port_id = ?")
        .bind(0, portId).mapTo(String.class).list());
    Collections.sort(ids);
    return ids;
  }

  static boolean groupInUse(Handle h, String groupId) {
    return h.createQuery("SELECT COUNT(*) FROM securitygroupportbindings WHERE security_group_id = ?")
        .bind(0, groupId).mapTo(Integer.class).one() > 0;
  }
}
