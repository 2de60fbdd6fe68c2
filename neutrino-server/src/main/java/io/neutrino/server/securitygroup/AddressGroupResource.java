package io.neutrino.server.securitygroup;

import io.neutrino.lib.ids.Uuids;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.Where;
import io.neutrino.server.ipam.Cidr;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * address-groups (neutron/db/address_group_db.py): a project's named set of CIDRs, each kept as
 * its network address and prefix length. Addresses change only through add_addresses (none may
 * be there already) and remove_addresses (all must be there); a group a security group rule uses
 * as its remote cannot be deleted.
 */
final class AddressGroupResource implements ResourceHandler {
  private final SgStore store;

  AddressGroupResource(SgStore store) {
    this.store = store;
  }

  static NeutronException notFound(String id) {
    return Faults.notFound("Address group", id);
  }

  /**
   * The group if it exists and the caller may see it: its project's, one shared with its project
   * or all (rbac-address-group), any for an admin.
   */
  static Map<String, Object> visible(Handle h, RequestContext ctx, String id) {
    return SecurityGroupTables.ADDRESS_GROUPS.find(h, id)
        .filter(r -> SecurityGroupTables.ADDRESS_GROUP_RBAC.visible(h, ctx, r))
        .orElseThrow(() -> notFound(id));
  }

  /** The group, locked, if the caller may change it: its project's (any for an admin). */
  static Map<String, Object> owned(Handle h, RequestContext ctx, String id) {
    return SecurityGroupTables.ADDRESS_GROUPS.findForUpdate(h, id)
        .filter(r -> SgStore.owns(ctx, r)).orElseThrow(() -> notFound(id));
  }

  /**
   * The groups as the API shows them; {@code shared} (whether shared with the caller's project or
   * all) is not shown but read by the policy rule shared_address_groups.
   */
  private static List<Map<String, Object>> show(Handle h, RequestContext ctx, List<Map<String, Object>> rows) {
    if (rows.isEmpty()) {
      return rows;
    }
    Map<Object, List<String>> addresses = new LinkedHashMap<>();
    List<Object> ids = Resources.ids(rows);
    for (int from = 0; from < ids.size(); from += 500) {
      Where w = new Where().in("address_group_id", ids.subList(from, Math.min(ids.size(), from + 500)));
      var q = h.createQuery("SELECT address_group_id, address FROM address_associations" + w.sql()
          + " ORDER BY address");
      for (int i = 0; i < w.params().size(); i++) {
        q.bind(i, w.params().get(i));
      }
      q.map((rs, c) -> List.of(rs.getString(1), rs.getString(2))).forEach(p ->
          addresses.computeIfAbsent(p.get(0), k -> new ArrayList<>()).add(p.get(1)));
    }
    Set<String> shared = SecurityGroupTables.ADDRESS_GROUP_RBAC.sharedWith(h, ctx.projectId(), ids);
    for (Map<String, Object> row : rows) {
      row.put("shared", shared.contains(row.get("id")));
      // Standard attributes are kept but not shown: Zed's address groups do not expose them.
      row.remove("created_at");
      row.remove("updated_at");
      row.remove("revision_number");
      row.put("tenant_id", row.get("project_id"));
      row.put("addresses", addresses.getOrDefault(row.get("id"), List.of()));
    }
    return rows;
  }

  private static Map<String, Object> shown(Handle h, RequestContext ctx, String id) {
    return show(h, ctx, new ArrayList<>(List.of(SecurityGroupTables.ADDRESS_GROUPS.find(h, id)
        .orElseThrow()))).get(0);
  }

  /** _process_requested_addresses: each as "network/prefixlen", duplicates dropped. */
  private static Set<String> normalize(Object given) {
    if (!(given instanceof List<?> list)) {
      throw Faults.badRequestFor("address_group", "addresses must be a list of CIDRs");
    }
    Set<String> out = new LinkedHashSet<>();
    for (Object a : list) {
      Cidr c = a instanceof String s ? Cidr.parseOrNull(s.trim()) : null;
      if (c == null) {
        throw Faults.invalidInput("'" + a + "' is not a valid IP subnet");
      }
      out.add(c.toString());
    }
    return out;
  }

  private static Set<String> current(Handle h, String id) {
    return new LinkedHashSet<>(h.createQuery(
            "SELECT address FROM address_associations WHERE address_group_id = ?")
        .bind(0, id).mapTo(String.class).list());
  }

  /** Python's repr of a list of strings, as the fault messages print it. */
  private static String pyList(List<String> items) {
    List<String> quoted = items.stream().map(s -> "'" + s + "'").toList();
    return "[" + String.join(", ", quoted) + "]";
  }

  @Override
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> res) {
    Set<String> addresses = res.containsKey("addresses") ? normalize(res.get("addresses")) : Set.of();
    String id = Uuids.randomString();
    Instant now = Resources.now();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("project_id", res.get("project_id"));
    row.put("name", Objects.requireNonNullElse(res.get("name"), ""));
    row.put("description", Objects.requireNonNullElse(res.get("description"), ""));
    row.put("created_at", now);
    row.put("updated_at", now);
    row.put("revision_number", 1L);
    return store.db.tx(h -> {
      SecurityGroupTables.ADDRESS_GROUPS.insert(h, row);
      for (String a : addresses) {
        h.execute("INSERT INTO address_associations (address, address_group_id) VALUES (?, ?)", a, id);
      }
      Map<String, Object> out = shown(h, ctx, id);
      store.publish("address_group", Event.PRECOMMIT_CREATE, h, ctx, id, null, out, res);
      return out;
    });
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String id) {
    return store.db.read(h -> show(h, ctx, new ArrayList<>(List.of(visible(h, ctx, id)))).get(0));
  }

  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery q) {
    return store.db.read(h -> {
      Where w = SecurityGroupTables.ADDRESS_GROUP_RBAC.visibility(ctx, "address_groups");
      return Resources.list(h, SecurityGroupTables.ADDRESS_GROUPS, q, w, Set.of(),
          rows -> show(h, ctx, rows));
    });
  }

  @Override
  public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    return store.db.tx(h -> {
      Map<String, Object> row = owned(h, ctx, id);
      Map<String, Object> set = new LinkedHashMap<>();
      for (String k : List.of("name", "description")) {
        if (changes.containsKey(k)) {
          set.put(k, changes.get(k));
        }
      }
      store.publish("address_group", Event.PRECOMMIT_UPDATE, h, ctx, id, row, set, changes);
      SecurityGroupTables.ADDRESS_GROUPS.update(h, id, set, Resources.now());
      return shown(h, ctx, id);
    });
  }

  @Override
  public Map<String, Object> action(RequestContext ctx, String id, String action,
      Map<String, Object> body) {
    if (!body.containsKey("addresses")) {
      throw Faults.badRequestFor("address_group", "addresses is required");
    }
    Set<String> requested = normalize(body.get("addresses"));
    return store.db.tx(h -> {
      Map<String, Object> row = owned(h, ctx, id);
      Set<String> existing = current(h, id);
      List<String> in = requested.stream().filter(existing::contains).toList();
      List<String> notIn = requested.stream().filter(a -> !existing.contains(a)).toList();
      if (action.equals("add_addresses")) {
        if (!in.isEmpty()) {
          throw new NeutronException("AddressesAlreadyExist", 400, "Addresses " + pyList(in)
              + " already exist in the address group " + id + ".");
        }
        for (String a : notIn) {
          h.execute("INSERT INTO address_associations (address, address_group_id) VALUES (?, ?)", a, id);
        }
      } else {
        if (!notIn.isEmpty()) {
          throw new NeutronException("AddressesNotFound", 404, "Addresses " + pyList(notIn)
              + " not found in the address group " + id + ".");
        }
        for (String a : in) {
          h.execute("DELETE FROM address_associations WHERE address_group_id = ? AND address = ?", id, a);
        }
      }
      // address associations revise their group (revises_on_change)
      SecurityGroupTables.ADDRESS_GROUPS.bumpRevision(h, id, Resources.now());
      Map<String, Object> out = shown(h, ctx, id);
      store.publish("address_group", Event.PRECOMMIT_UPDATE, h, ctx, id, row, out, body);
      return Map.of("address_group", out);
    });
  }

  @Override
  public void delete(RequestContext ctx, String id) {
    store.db.txVoid(h -> {
      // Locked first: a rule being created with this remote locks the group row too.
      Map<String, Object> row = owned(h, ctx, id);
      int rules = h.createQuery("SELECT COUNT(*) FROM securitygrouprules WHERE remote_address_group_id = ?")
          .bind(0, id).mapTo(Integer.class).one();
      if (rules > 0) {
        throw SgFaults.conflict("AddressGroupInUse", "Address group " + id
            + " is in use on one or more security group rules.");
      }
      store.publish("address_group", Event.PRECOMMIT_DELETE, h, ctx, id, row, null, null);
      SecurityGroupTables.ADDRESS_GROUPS.delete(h, id);
    });
  }
}
