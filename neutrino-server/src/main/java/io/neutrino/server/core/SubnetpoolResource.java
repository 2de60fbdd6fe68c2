package io.neutrino.server.core;

import io.neutrino.lib.ids.Uuids;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.Where;
import io.neutrino.server.ipam.Cidr;
import io.neutrino.server.ipam.PrefixAllocator;
import io.neutrino.server.rbac.RbacType;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * subnetpools (neutron/db/db_base_plugin_v2.py create/update_subnetpool): prefixes compacted,
 * prefix length bounds resolved and checked, prefixes may only grow, one default pool per IP
 * version. A pool is seen and allocated from by its project and those it is shared with
 * (rbac-subnetpool); {@code shared} is whether it is shared with the caller's project or all.
 */
public final class SubnetpoolResource implements ResourceHandler {
  /**
   * Subnet pools as rbac-policies objects (SubnetPoolRBAC, subnetpoolrbacs): the projects with
   * subnets allocated from a pool depend on its sharing entries (SubnetPool.get_bound_project_ids).
   */
  public static final RbacType RBAC = RbacType.builder("subnetpool", "subnetpoolrbacs", "subnetpools")
      .mirror(RbacType.SHARED, "shared")
      .notFound(SubnetpoolResource::notFound)
      .boundProjects((h, pool) -> new java.util.HashSet<>(h.createQuery(
              "SELECT DISTINCT project_id FROM subnets WHERE subnetpool_id = ?")
          .bind(0, pool.get("id")).mapTo(String.class).list()))
      .build();

  private final Database db;
  private final Tags tags;
  private final Lifecycle events;

  public SubnetpoolResource(Database db, Tags tags, Callbacks callbacks) {
    this.db = db;
    this.tags = tags;
    this.events = new Lifecycle(callbacks, "subnetpool");
  }

  public static NeutronException notFound(String id) {
    return Faults.notFound("Subnet pool", id);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> res) {
    String id = Uuids.randomString();
    List<String> given = (List<String>) res.get("prefixes");
    int version = PrefixAllocator.ipVersion(given);
    List<Cidr> prefixes = PrefixAllocator.compactStrings(given);
    var bounds = PrefixAllocator.resolveBounds(version, (Integer) res.get("min_prefixlen"),
        (Integer) res.get("max_prefixlen"), (Integer) res.get("default_prefixlen"));
    db.txVoid(h -> {
      if (Boolean.TRUE.equals(res.get("is_default"))) {
        checkNoOtherDefault(h, version, null);
      }
      var now = Resources.now();
      Map<String, Object> row = new LinkedHashMap<>(res);
      row.put("id", id);
      row.put("ip_version", version);
      row.put("prefixes", prefixes.stream().map(Cidr::toString).toList());
      row.put("min_prefixlen", bounds.minPrefixlen());
      row.put("max_prefixlen", bounds.maxPrefixlen());
      row.put("default_prefixlen", bounds.defaultPrefixlen());
      row.putIfAbsent("shared", false);
      row.putIfAbsent("is_default", false);
      row.put("created_at", now);
      row.put("updated_at", now);
      row.put("revision_number", 1L);
      CoreTables.SUBNETPOOLS.insert(h, row);
      if (Boolean.TRUE.equals(row.get("shared"))) {
        RBAC.insertWithObject(h, row, RbacType.SHARED);
      }
      events.publish(Event.PRECOMMIT_CREATE, h, ctx, id, null, row, res);
    });
    return get(ctx, id);
  }

  private static void checkNoOtherDefault(org.jdbi.v3.core.Handle h, int version, String self) {
    List<String> others = h.createQuery("SELECT id FROM subnetpools WHERE is_default = ? AND ip_version = ?")
        .bind(0, true).bind(1, version).mapTo(String.class).list();
    others.remove(self);
    if (!others.isEmpty()) {
      throw Faults.badRequestFor("subnetpools", "Invalid input for operation: A default subnetpool "
          + "for this IP family has already been set. Only one default may exist per IP family");
    }
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String id) {
    return db.read(h -> {
      Map<String, Object> row = CoreTables.SUBNETPOOLS.find(h, id).orElseThrow(() -> notFound(id));
      if (!RBAC.visible(h, ctx, row)) {
        throw notFound(id);
      }
      return decorate(h, ctx, List.of(row)).get(0);
    });
  }

  private List<Map<String, Object>> decorate(org.jdbi.v3.core.Handle h, RequestContext ctx,
      List<Map<String, Object>> rows) {
    Map<Object, List<String>> tagsById = tags.load(h, rows);
    java.util.Set<String> shared = RBAC.sharedWith(h, ctx.projectId(), Resources.ids(rows));
    for (Map<String, Object> row : rows) {
      Resources.standardAttributes(row);
      row.put("shared", shared.contains(row.get("id")));
      row.put("tags", tagsById.getOrDefault(row.get("id"), List.of()));
    }
    events.extend(rows, h);
    return rows;
  }

  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery q) {
    return db.read(h -> {
      Where w = RBAC.visibility(ctx, "subnetpools");
      tags.filter(w, "subnetpools", q.filters());
      HashSet<String> handled = new HashSet<>(Tags.FILTERS);
      if (q.filters().containsKey("shared")) {
        RBAC.filterShared(w, ctx, "subnetpools.id", q.filters().get("shared"));
        handled.add("shared");
      }
      return Resources.list(h, CoreTables.SUBNETPOOLS, q, w, handled, rows -> decorate(h, ctx, rows));
    });
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    db.txVoid(h -> {
      Map<String, Object> row = CoreTables.SUBNETPOOLS.findForUpdate(h, id).orElseThrow(() -> notFound(id));
      int version = (Integer) row.get("ip_version");
      Map<String, Object> set = new LinkedHashMap<>(changes);
      if (changes.containsKey("prefixes")) {
        List<String> given = (List<String>) changes.get("prefixes");
        if (PrefixAllocator.ipVersion(given) != version) {
          throw Faults.badRequestFor("subnetpools", "Cannot mix IPv4 and IPv6 prefixes in a subnet pool");
        }
        List<Cidr> old = ((List<String>) row.get("prefixes")).stream().map(Cidr::parse).toList();
        List<Cidr> merged = PrefixAllocator.compactStrings(given);
        for (Cidr o : old) {
          if (merged.stream().noneMatch(m -> m.contains(o))) {
            throw Faults.badRequestFor("subnetpools", "Illegal update to prefixes: Existing prefix "
                + o + " is not a subset of the new prefixes");
          }
        }
        set.put("prefixes", merged.stream().map(Cidr::toString).toList());
      }
      Integer min = (Integer) changes.getOrDefault("min_prefixlen", row.get("min_prefixlen"));
      Integer max = (Integer) changes.getOrDefault("max_prefixlen", row.get("max_prefixlen"));
      Integer dflt = (Integer) changes.getOrDefault("default_prefixlen", row.get("default_prefixlen"));
      PrefixAllocator.resolveBounds(version, min, max, dflt);
      if (Boolean.TRUE.equals(changes.get("is_default"))) {
        checkNoOtherDefault(h, version, id);
      }
      Map<String, Object> latest = new LinkedHashMap<>(row);
      latest.putAll(set);
      events.publish(Event.PRECOMMIT_UPDATE, h, ctx, id, row, latest, changes);
      CoreTables.SUBNETPOOLS.update(h, id, set, Resources.now());
    });
    return get(ctx, id);
  }

  @Override
  public void delete(RequestContext ctx, String id) {
    db.txVoid(h -> {
      Map<String, Object> row = CoreTables.SUBNETPOOLS.findForUpdate(h, id).orElseThrow(() -> notFound(id));
      int used = h.createQuery("SELECT COUNT(*) FROM subnets WHERE subnetpool_id = ?").bind(0, id)
          .mapTo(Integer.class).one();
      if (used > 0) {
        throw Faults.conflict("SubnetPoolInUse", "Unable to delete subnet pool: Subnet pool " + id
            + " has subnets allocated from it.");
      }
      tags.deleteAll(h, id);
      CoreTables.SUBNETPOOLS.delete(h, id);
    });
  }
}
