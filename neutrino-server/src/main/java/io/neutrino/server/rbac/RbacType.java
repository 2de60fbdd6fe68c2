package io.neutrino.server.rbac;

import io.neutrino.lib.ids.Uuids;
import static io.neutrino.server.db.Column.Kind.LONG;
import static io.neutrino.server.db.Column.Kind.STRING;
import static io.neutrino.server.db.Column.Kind.TIMESTAMP;

import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.server.db.Batches;
import io.neutrino.server.db.Column;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.StatedExtender;
import io.neutrino.server.db.Table;
import io.neutrino.server.db.Where;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * One kind of object rbac-policies can share, and the one RBAC mechanism every kind uses
 * (neutron/db/rbac_db_models.py for the tables, neutron/objects/rbac_db.py for the behaviour):
 * entries {@code (object, action, target project or '*')} in the type's own table, who sees and
 * may use an object through them, which entries other projects depend on, and the {@code shared}
 * flags that mirror the '*' entries.
 *
 * <p>Why a table per type rather than one table with an object_type column: each table has a
 * foreign key to its objects (entries go with the object, in every database, without each plugin
 * remembering to delete them), its own unique key refusing duplicates under concurrency, and
 * Neutron's name, which the quota engine counts. What differs between types is data given here
 * (tables, actions, mirrored flags, which projects depend on an object), not code: the plugins
 * that own the objects describe their type once and register it with {@link RbacTypes}.
 */
public final class RbacType {
  public static final String SHARED = "access_as_shared";
  public static final String EXTERNAL = "access_as_external";
  public static final String WILDCARD = "*";

  /** The projects whose resources use an object (get_bound_project_ids). */
  @FunctionalInterface
  public interface BoundProjects {
    Set<String> of(Handle h, Map<String, Object> object);
  }

  private final String objectType;
  private final Table entries;
  private final String objectTable;
  private final List<String> actions;
  private final List<String> visibleThrough;
  private final Map<String, String> mirrors;
  private final boolean revisesObject;
  private final Function<String, NeutronException> notFound;
  private final BoundProjects bound;

  private RbacType(Builder b) {
    this.objectType = b.objectType;
    this.entries = new Table(b.table, List.of(
        Column.of("id", STRING),
        Column.of("project_id", STRING),
        Column.of("object_id", STRING),
        Column.of("action", STRING),
        Column.of("target_tenant", STRING),
        Column.of("created_at", TIMESTAMP),
        Column.of("updated_at", TIMESTAMP),
        Column.of("revision_number", LONG)));
    this.objectTable = b.objectTable;
    this.actions = List.copyOf(b.actions);
    this.visibleThrough = List.copyOf(b.visibleThrough);
    this.mirrors = Map.copyOf(b.mirrors);
    this.revisesObject = b.revisesObject;
    this.notFound = Objects.requireNonNull(b.notFound, "notFound");
    this.bound = Objects.requireNonNull(b.bound, "boundProjects");
  }

  /**
   * A type named {@code objectType} in the API, with its entries in {@code table} and its objects
   * in {@code objectTable} (which has {@code id} and {@code project_id} columns).
   */
  public static Builder builder(String objectType, String table, String objectTable) {
    return new Builder(objectType, table, objectTable);
  }

  public static final class Builder {
    private final String objectType;
    private final String table;
    private final String objectTable;
    private List<String> actions = List.of(SHARED);
    private List<String> visibleThrough = List.of(SHARED);
    private final Map<String, String> mirrors = new LinkedHashMap<>();
    private boolean revisesObject;
    private Function<String, NeutronException> notFound;
    private BoundProjects bound;

    private Builder(String objectType, String table, String objectTable) {
      this.objectType = objectType;
      this.table = table;
      this.objectTable = objectTable;
    }

    /** The actions entries of this type may have (get_valid_actions); access_as_shared by default. */
    public Builder actions(String... actions) {
      this.actions = List.of(actions);
      return this;
    }

    /** The actions whose entries let their target see the object (access_as_shared by default). */
    public Builder visibleThrough(String... actions) {
      this.visibleThrough = List.of(actions);
      return this;
    }

    /** A boolean column of the object's table that is true exactly while a '*' entry of {@code action} exists. */
    public Builder mirror(String action, String column) {
      mirrors.put(action, column);
      return this;
    }

    /**
     * Every change of an entry through rbac-policies bumps the object's revision (NetworkRBAC's
     * revises_on_change); changes made by the object's own create or update do not bump it again.
     */
    public Builder revisesObject() {
      this.revisesObject = true;
      return this;
    }

    /** The object's own not-found fault (NetworkNotFound, QosPolicyNotFound …). */
    public Builder notFound(Function<String, NeutronException> notFound) {
      this.notFound = notFound;
      return this;
    }

    public Builder boundProjects(BoundProjects bound) {
      this.bound = bound;
      return this;
    }

    public RbacType build() {
      return new RbacType(this);
    }
  }

  public String objectType() {
    return objectType;
  }

  /** The table of this type's entries (Neutron's name: networkrbacs, qospolicyrbacs …). */
  public String table() {
    return entries.name();
  }

  public List<String> actions() {
    return actions;
  }

  public NeutronException notFound(String objectId) {
    return notFound.apply(objectId);
  }

  // ------------------------------------------------------------------ objects and entries

  /** The object's id and project (locked with {@code lock}), or empty when there is none. */
  public Optional<Map<String, Object>> object(Handle h, String id, boolean lock) {
    return h.createQuery("SELECT id, project_id FROM " + objectTable + " WHERE id = ?"
            + (lock ? " FOR UPDATE" : ""))
        .bind(0, id).mapToMap().findFirst()
        .map(r -> {
          Map<String, Object> o = new LinkedHashMap<>();
          o.put("id", r.get("id"));
          o.put("project_id", r.get("project_id"));
          return o;
        });
  }

  /** An entry of this type by id (locked with {@code lock}). */
  public Optional<Map<String, Object>> entry(Handle h, String id, boolean lock) {
    return lock ? entries.findForUpdate(h, id) : entries.find(h, id);
  }

  /** InvalidActionForType unless this type takes {@code action}. */
  public void checkAction(String action) {
    if (!actions.contains(action)) {
      throw Faults.invalidInput("Invalid action '" + action + "' for object type '" + objectType
          + "'. Valid actions: " + pyTuple(actions));
    }
  }

  private static String pyTuple(List<String> items) {
    String inner = items.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", "));
    return "(" + inner + (items.size() == 1 ? ",)" : ")");
  }

  /**
   * Stores an entry owned by {@code project} and returns its id: a duplicate is
   * DuplicateRbacPolicy, a '*' entry turns its mirrored flag on.
   */
  public String insert(Handle h, String project, Map<String, Object> object, String action,
      String target) {
    return insert(h, project, object, action, target, true);
  }

  /**
   * The '*' entry of an object created with {@code shared} (or {@code router:external}) set: its
   * row already carries the flag and its first revision.
   */
  public void insertWithObject(Handle h, Map<String, Object> object, String action) {
    insert(h, (String) object.get("project_id"), object, action, WILDCARD, false);
  }

  private String insert(Handle h, String project, Map<String, Object> object, String action,
      String target, boolean revise) {
    checkAction(action);
    String id = Uuids.randomString();
    Timestamp now = Timestamp.from(Resources.now());
    try {
      h.execute("INSERT INTO " + table() + " (id, project_id, object_id, action, target_tenant, "
              + "created_at, updated_at, revision_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          id, project == null ? "" : project, object.get("id"), action, target, now, now, 1L);
    } catch (RuntimeException e) {
      if (Database.isDuplicateKey(e)) {
        throw duplicate();
      }
      throw e;
    }
    changed(h, (String) object.get("id"), action, target, revise);
    return id;
  }

  /** Points an entry at another project (or '*'); the caller has checked nobody loses access. */
  public void retarget(Handle h, Map<String, Object> entry, String target) {
    try {
      entries.update(h, (String) entry.get("id"), Map.of("target_tenant", target), Resources.now());
    } catch (RuntimeException e) {
      if (Database.isDuplicateKey(e)) {
        throw duplicate();
      }
      throw e;
    }
    String objectId = (String) entry.get("object_id");
    changed(h, objectId, (String) entry.get("action"), (String) entry.get("target_tenant"), true);
    changed(h, objectId, (String) entry.get("action"), target, false);
  }

  public void delete(Handle h, Map<String, Object> entry) {
    entries.delete(h, (String) entry.get("id"));
    changed(h, (String) entry.get("object_id"), (String) entry.get("action"),
        (String) entry.get("target_tenant"), true);
  }

  private static NeutronException duplicate() {
    return Faults.conflict("DuplicateRbacPolicy", "An RBAC policy already exists with those values.");
  }

  /** After an entry came or went: the mirrored flag follows the '*' entry; the object's revision moves. */
  private void changed(Handle h, String objectId, String action, String target, boolean revise) {
    String column = mirrors.get(action);
    if (column != null && WILDCARD.equals(target)) {
      h.execute("UPDATE " + objectTable + " SET " + column + " = ? WHERE id = ?",
          wildcard(h, objectId, action), objectId);
    }
    if (revise && revisesObject) {
      h.execute("UPDATE " + objectTable + " SET revision_number = revision_number + 1, updated_at = ? "
          + "WHERE id = ?", Timestamp.from(Resources.now()), objectId);
    }
  }

  private boolean wildcard(Handle h, String objectId, String action) {
    return h.createQuery("SELECT COUNT(*) FROM " + table() + " WHERE object_id = ? AND action = ? "
            + "AND target_tenant = ?")
        .bind(0, objectId).bind(1, action).bind(2, WILDCARD).mapTo(Integer.class).one() > 0;
  }

  /**
   * The write side of the flag mirroring {@code action}'s '*' entry ({@code shared}:
   * update_shared; a network's {@code router:external}), as the object's own update sets it: true
   * adds the '*' entry, owned by the object's project; false removes it. Returns false, changing
   * nothing, when the removal is refused because projects still depend on it (the caller raises
   * its own fault).
   */
  public boolean setWildcard(Handle h, Map<String, Object> object, String action, boolean on) {
    String objectId = (String) object.get("id");
    if (wildcard(h, objectId, action) == on) {
      return true;
    }
    if (on) {
      insert(h, (String) object.get("project_id"), object, action, WILDCARD, false);
      return true;
    }
    if (!removable(h, object, action, WILDCARD)) {
      return false;
    }
    h.execute("DELETE FROM " + table() + " WHERE object_id = ? AND action = ? AND target_tenant = ?",
        objectId, action, WILDCARD);
    changed(h, objectId, action, WILDCARD, false);
    return true;
  }

  /**
   * Whether the entry giving {@code target} access through {@code action} may go
   * (validate_rbac_policy_delete and _validate_rbac_policy_delete): only sharing entries are
   * guarded; an entry for the owner itself always may; for one project, unless a '*' entry covers
   * it, no resource of that project may use the object; for '*', every project using the object
   * must keep an entry of its own. Which projects use the object is the type's {@link
   * BoundProjects}: for networks the owner's own ports do not count, for every other type they do,
   * as in Neutron.
   */
  public boolean removable(Handle h, Map<String, Object> object, String action, String target) {
    if (!SHARED.equals(action) || Objects.equals(target, object.get("project_id"))) {
      return true;
    }
    String objectId = (String) object.get("id");
    Set<String> targets = new HashSet<>(h.createQuery("SELECT target_tenant FROM " + table()
            + " WHERE object_id = ? AND action = ?")
        .bind(0, objectId).bind(1, SHARED).mapTo(String.class).list());
    if (!WILDCARD.equals(target)) {
      return targets.contains(WILDCARD) || !bound.of(h, object).contains(target);
    }
    targets.remove(WILDCARD);
    return targets.containsAll(bound.of(h, object));
  }

  /**
   * RbacPolicyInUse (neutron/extensions/rbac.py), as refusing the removal of the entry for
   * {@code target} words it.
   */
  public static NeutronException inUse(Object objectId, String target) {
    return Faults.conflict("RbacPolicyInUse", "RBAC policy on object " + objectId
        + " cannot be removed because other objects depend on it.\nDetails: project_id=" + target);
  }

  // ------------------------------------------------------------------ visibility

  /**
   * Whether {@code project} has an entry of {@code action} (its own or '*') on the object: for
   * access_as_shared this is the object's {@code shared} attribute as that project sees it
   * (is_shared_with_project), and whether it may use an object it does not own.
   */
  public boolean grants(Handle h, String project, String objectId, String action) {
    return !grantedAmong(h, project, List.of(objectId), List.of(action)).isEmpty();
  }

  /** The objects among {@code ids} shared with {@code project} (by its own entry or '*'). */
  public Set<String> sharedWith(Handle h, String project, Collection<?> ids) {
    return grantedAmong(h, project, ids, List.of(SHARED));
  }

  /**
   * {@link #sharedWith} stated, for a list to send with its page's other reads: {@code show} gets
   * the objects shared with {@code project}.
   */
  public Callbacks.PageRead sharedWith(String project, Collection<?> ids, Consumer<Set<String>> show) {
    return granted(project, ids, List.of(SHARED)).applying((rows, h) -> show.accept(new HashSet<>(rows)));
  }

  private Set<String> grantedAmong(Handle h, String project, Collection<?> ids, List<String> actions) {
    if (ids.isEmpty()) {
      return new HashSet<>();
    }
    Set<String> out = new HashSet<>();
    StatedExtender.run(h, granted(project, ids, actions).applying((rows, tx) -> out.addAll(rows)));
    return out;
  }

  /** The objects among {@code ids} on which {@code project} has an entry of {@code actions}. */
  private Batches.KeyedRead<String> granted(String project, Collection<?> ids, List<String> actions) {
    List<Object> targets = project == null ? List.of(WILDCARD) : List.of(WILDCARD, project);
    List<Object> params = new ArrayList<>(actions);
    params.addAll(targets);
    return Batches.stated("SELECT object_id FROM " + table() + " WHERE action IN ("
            + Batches.marks(actions.size()) + ") AND target_tenant IN (" + Batches.marks(targets.size())
            + ") AND", params, "object_id", ids, null, rs -> rs.getString(1), id -> id);
  }

  /** What the caller may see: an admin all, others their own and what is shared with them. */
  public boolean visible(Handle h, RequestContext ctx, Map<String, Object> row) {
    return ctx.isAdmin() || Objects.equals(ctx.projectId(), row.get("project_id"))
        || !grantedAmong(h, ctx.projectId(), List.of(row.get("id")), visibleThrough).isEmpty();
  }

  /** Whether the caller may use the object in its own resources: its own, or shared with it. */
  public boolean usable(Handle h, RequestContext ctx, Map<String, Object> row) {
    return usableBy(h, ctx, row, ctx.projectId());
  }

  /** Whether resources of {@code project} may use the object (an admin caller may use any). */
  public boolean usableBy(Handle h, RequestContext ctx, Map<String, Object> row, String project) {
    return ctx.isAdmin() || Objects.equals(project, row.get("project_id"))
        || grants(h, project, (String) row.get("id"), SHARED);
  }

  /**
   * The SQL of {@link #visible} for rows of the object table under {@code alias}; nothing for an
   * admin. A '*' entry mirrored by a flag is read from the flag (no subquery for it).
   */
  public Where visibility(RequestContext ctx, String alias) {
    Where w = new Where();
    if (ctx.isAdmin()) {
      return w;
    }
    List<String> ors = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    ors.add(alias + ".project_id = ?");
    params.add(ctx.projectId());
    List<Object> targets = new ArrayList<>();
    targets.add(ctx.projectId());
    for (String action : visibleThrough) {
      String column = mirrors.get(action);
      if (column != null) {
        ors.add(alias + "." + column + " = ?");
        params.add(true);
      } else if (!targets.contains(WILDCARD)) {
        targets.add(WILDCARD);
      }
    }
    params.addAll(visibleThrough);
    params.addAll(targets);
    ors.add(alias + ".id IN (SELECT object_id FROM " + table() + " WHERE action IN ("
        + Batches.marks(visibleThrough.size()) + ") AND target_tenant IN ("
        + Batches.marks(targets.size()) + "))");
    return w.add("(" + String.join(" OR ", ors) + ")", params);
  }

  /**
   * The {@code shared} filter as Neutron's model query applies it to RBAC objects: shared=True
   * keeps the rows whose object ({@code idColumn}, qualified) is shared with the caller's project
   * or '*', shared=False the others.
   */
  public void filterShared(Where w, RequestContext ctx, String idColumn, List<Object> values) {
    Set<Boolean> wanted = new HashSet<>();
    for (Object v : values) {
      wanted.add(v instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(v)));
    }
    if (wanted.size() != 1) {
      return;
    }
    List<Object> targets = ctx.projectId() == null ? List.of(WILDCARD) : List.of(WILDCARD, ctx.projectId());
    List<Object> params = new ArrayList<>();
    params.add(SHARED);
    params.addAll(targets);
    w.add(idColumn + (wanted.contains(true) ? " IN" : " NOT IN") + " (SELECT object_id FROM "
        + table() + " WHERE action = ? AND target_tenant IN (" + Batches.marks(targets.size()) + "))",
        params);
  }
}
