package io.neutrino.server.flavors;

import io.neutrino.lib.ids.Uuids;
import static io.neutrino.server.db.Column.Kind.BOOL;
import static io.neutrino.server.db.Column.Kind.STRING;

import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.lib.spi.SubResourceHandler;
import io.neutrino.server.core.ServiceProviderResource;
import io.neutrino.server.db.Column;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.Table;
import io.neutrino.server.db.Where;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The flavors plugin's resources over its three tables (see db/migration/V82__flavors.sql), as
 * FlavorsDbMixin keeps them: flavors and profiles have no project; a profile needs a driver
 * known to [service_providers] (ServiceProfileDriverNotFound) or metainfo (ServiceProfileEmpty);
 * a profile bound to a flavor can be neither changed nor deleted (ServiceProfileInUse).
 */
final class FlavorStore {
  static final Table FLAVORS = new Table("flavors", List.of(Column.of("id", STRING),
      Column.of("name", STRING), Column.of("description", STRING), Column.of("enabled", BOOL),
      Column.of("service_type", STRING)));
  static final Table PROFILES = new Table("serviceprofiles", List.of(Column.of("id", STRING),
      Column.of("description", STRING), Column.of("driver", STRING), Column.of("enabled", BOOL),
      Column.of("metainfo", STRING)));

  private final FlavorsPlugin plugin;

  FlavorStore(FlavorsPlugin plugin) {
    this.plugin = plugin;
  }

  private static void write(Handle h, Table table, String id, Map<String, Object> changes) {
    Map<String, Object> set = new LinkedHashMap<>();
    changes.forEach((k, v) -> {
      if (!k.equals("id") && table.column(k).isPresent()) {
        set.put(k, table.toDb(table.column(k).get(), v));
      }
    });
    if (set.isEmpty()) {
      return;
    }
    var u = h.createUpdate("UPDATE " + table.name() + " SET "
        + String.join(", ", set.keySet().stream().map(k -> k + " = ?").toList()) + " WHERE id = ?");
    int i = 0;
    for (Object v : set.values()) {
      u.bind(i++, v);
    }
    u.bind(i, id).execute();
  }

  private static Map<Object, List<String>> bound(Handle h, String key, String other, List<Object> ids) {
    Map<Object, List<String>> out = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    var q = h.createQuery("SELECT " + key + ", " + other + " FROM flavorserviceprofilebindings WHERE "
        + key + " IN (" + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ") ORDER BY "
        + other);
    for (int i = 0; i < ids.size(); i++) {
      q.bind(i, ids.get(i));
    }
    q.mapToMap().forEach(r -> out.computeIfAbsent(r.get(key), k -> new ArrayList<>()).add((String) r.get(other)));
    return out;
  }

  private static Map<String, Object> flavor(Handle h, String id) {
    return FLAVORS.find(h, id).orElseThrow(() -> FlavorsPlugin.flavorNotFound(id));
  }

  private static Map<String, Object> profile(Handle h, Object id) {
    return PROFILES.find(h, id.toString()).orElseThrow(() -> FlavorsPlugin.profileNotFound(id));
  }

  /** _validate_driver: a non-empty driver must be some configured provider's. */
  private void validateDriver(Object driver) {
    if (plugin.providers.stream().noneMatch(p -> p.driver().equals(driver))) {
      throw FlavorsPlugin.driverNotFound(driver);
    }
  }

  private static boolean inUse(Handle h, String profileId) {
    return h.createQuery("SELECT COUNT(*) FROM flavorserviceprofilebindings WHERE service_profile_id = ?")
        .bind(0, profileId).mapTo(Integer.class).one() > 0;
  }

  ResourceHandler flavors() {
    return new ResourceHandler() {
      private List<Map<String, Object>> decorate(Handle h, List<Map<String, Object>> rows) {
        Map<Object, List<String>> profiles = bound(h, "flavor_id", "service_profile_id", Resources.ids(rows));
        rows.forEach(r -> r.put("service_profiles", profiles.getOrDefault(r.get("id"), List.of())));
        return rows;
      }

      @Override
      public Map<String, Object> create(RequestContext ctx, Map<String, Object> res) {
        Object type = res.get("service_type");
        if (!(type instanceof String t) || !plugin.pluginTypes.contains(t)) {
          throw new NeutronException("InvalidServiceType", 400, "Invalid service type: " + type + ".");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", Uuids.randomString());
        row.put("name", res.get("name"));
        row.put("description", res.get("description"));
        row.put("enabled", !Boolean.FALSE.equals(res.get("enabled")));
        row.put("service_type", type);
        plugin.db.txVoid(h -> FLAVORS.insert(h, row));
        return get(ctx, (String) row.get("id"));
      }

      @Override
      public Map<String, Object> get(RequestContext ctx, String id) {
        return plugin.db.read(h -> decorate(h, List.of(flavor(h, id))).get(0));
      }

      @Override
      public List<Map<String, Object>> list(RequestContext ctx, ListQuery q) {
        return plugin.db.read(h -> Resources.list(h, FLAVORS, q, new Where(), Set.of(), rows -> decorate(h, rows)));
      }

      @Override
      public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
        plugin.db.txVoid(h -> {
          flavor(h, id);
          Map<String, Object> set = new LinkedHashMap<>(changes);
          set.remove("service_profiles"); // not a field of the flavor object: Neutron ignores it
          write(h, FLAVORS, id, set);
        });
        return get(ctx, id);
      }

      @Override
      public void delete(RequestContext ctx, String id) {
        plugin.db.txVoid(h -> {
          flavor(h, id);
          FLAVORS.delete(h, id);
        });
      }
    };
  }

  ResourceHandler profiles() {
    // Neutron's profile dict also lists its flavors, but the attribute map has no 'flavors', so
    // the API never shows them.
    return new ResourceHandler() {
      @Override
      public Map<String, Object> create(RequestContext ctx, Map<String, Object> res) {
        Object driver = res.get("driver");
        Object metainfo = res.get("metainfo");
        if (driver != null && !driver.toString().isEmpty()) {
          validateDriver(driver);
        } else if (metainfo == null || metainfo.toString().isEmpty()) {
          throw new NeutronException("ServiceProfileEmpty", 400,
              "Service Profile needs either a driver or metainfo.");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", Uuids.randomString());
        row.put("description", res.get("description"));
        row.put("driver", driver == null ? "" : driver);
        row.put("enabled", !Boolean.FALSE.equals(res.get("enabled")));
        row.put("metainfo", metainfo);
        plugin.db.txVoid(h -> PROFILES.insert(h, row));
        return get(ctx, (String) row.get("id"));
      }

      @Override
      public Map<String, Object> get(RequestContext ctx, String id) {
        return plugin.db.read(h -> profile(h, id));
      }

      @Override
      public List<Map<String, Object>> list(RequestContext ctx, ListQuery q) {
        return plugin.db.read(h -> Resources.list(h, PROFILES, q, new Where(), Set.of(), rows -> rows));
      }

      @Override
      public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
        Object driver = changes.get("driver");
        if (driver != null && !driver.toString().isEmpty()) {
          validateDriver(driver);
        }
        plugin.db.txVoid(h -> {
          if (inUse(h, id)) {
            throw profileInUse(id);
          }
          profile(h, id);
          write(h, PROFILES, id, changes);
        });
        return get(ctx, id);
      }

      @Override
      public void delete(RequestContext ctx, String id) {
        plugin.db.txVoid(h -> {
          if (inUse(h, id)) {
            throw profileInUse(id);
          }
          profile(h, id);
          PROFILES.delete(h, id);
        });
      }
    };
  }

  private static NeutronException profileInUse(String id) {
    return Faults.conflict("ServiceProfileInUse", "Service Profile " + id + " is used by some service instance.");
  }

  /** flavors/{id}/service_profiles: associate (POST), show and disassociate one profile. */
  SubResourceHandler bindings() {
    return new SubResourceHandler() {
      @Override
      public Map<String, Object> create(RequestContext ctx, String flavorId, Map<String, Object> res) {
        Object profileId = res.get("id");
        plugin.db.txVoid(h -> {
          flavor(h, flavorId);
          profile(h, profileId);
          int n = h.createQuery("SELECT COUNT(*) FROM flavorserviceprofilebindings WHERE "
              + "service_profile_id = ? AND flavor_id = ?").bind(0, profileId).bind(1, flavorId)
              .mapTo(Integer.class).one();
          if (n > 0) {
            throw Faults.conflict("FlavorServiceProfileBindingExists", "Service Profile " + profileId
                + " is already associated with flavor " + flavorId + ".");
          }
          h.execute("INSERT INTO flavorserviceprofilebindings (service_profile_id, flavor_id) VALUES (?, ?)",
              profileId, flavorId);
        });
        return Map.of("id", profileId);
      }

      /** get_flavor_service_profile: the pair, which the API shows only through id/tenant_id. */
      @Override
      public Map<String, Object> get(RequestContext ctx, String flavorId, String profileId) {
        return plugin.db.read(h -> {
          int n = h.createQuery("SELECT COUNT(*) FROM flavorserviceprofilebindings WHERE "
              + "service_profile_id = ? AND flavor_id = ?").bind(0, profileId).bind(1, flavorId)
              .mapTo(Integer.class).one();
          if (n == 0) {
            throw FlavorsPlugin.bindingNotFound(profileId, flavorId);
          }
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("service_profile_id", profileId);
          m.put("flavor_id", flavorId);
          return m;
        });
      }

      @Override
      public List<Map<String, Object>> list(RequestContext ctx, String flavorId, ListQuery query) {
        throw FlavorsPlugin.notImplemented();
      }

      @Override
      public Map<String, Object> update(RequestContext ctx, String flavorId, String id,
          Map<String, Object> changes) {
        throw FlavorsPlugin.notImplemented();
      }

      @Override
      public void delete(RequestContext ctx, String flavorId, String profileId) {
        int n = plugin.db.tx(h -> h.execute("DELETE FROM flavorserviceprofilebindings WHERE "
            + "service_profile_id = ? AND flavor_id = ?", profileId, flavorId));
        if (n == 0) {
          throw FlavorsPlugin.bindingNotFound(profileId, flavorId);
        }
      }
    };
  }

  /**
   * flavors/{id}/next_providers (get_flavor_next_provider): the first bound profile (by id) must
   * be enabled and its driver a configured provider's; the answer names that provider.
   */
  SubResourceHandler nextProviders() {
    return new SubResourceHandler() {
      @Override
      public List<Map<String, Object>> list(RequestContext ctx, String flavorId, ListQuery query) {
        return plugin.db.read(h -> {
          List<String> profiles = h.createQuery("SELECT service_profile_id FROM flavorserviceprofilebindings "
              + "WHERE flavor_id = ? ORDER BY service_profile_id").bind(0, flavorId).mapTo(String.class).list();
          if (profiles.isEmpty()) {
            throw FlavorsPlugin.bindingNotFound("", flavorId);
          }
          Map<String, Object> sp = profile(h, profiles.get(0));
          if (!Boolean.TRUE.equals(sp.get("enabled"))) {
            throw Faults.unavailable("ServiceProfileDisabled", "Service Profile is not enabled.");
          }
          ServiceProviderResource.Provider p = plugin.providers.stream()
              .filter(x -> x.driver().equals(sp.get("driver"))).findFirst()
              .orElseThrow(() -> FlavorsPlugin.driverNotFound(sp.get("driver")));
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("driver", sp.get("driver"));
          m.put("provider", p.name());
          return List.of(m);
        });
      }

      @Override
      public Map<String, Object> create(RequestContext ctx, String flavorId, Map<String, Object> res) {
        throw FlavorsPlugin.notImplemented();
      }

      @Override
      public Map<String, Object> get(RequestContext ctx, String flavorId, String id) {
        throw FlavorsPlugin.notImplemented();
      }

      @Override
      public Map<String, Object> update(RequestContext ctx, String flavorId, String id,
          Map<String, Object> changes) {
        throw FlavorsPlugin.notImplemented();
      }

      @Override
      public void delete(RequestContext ctx, String flavorId, String id) {
        throw FlavorsPlugin.notImplemented();
      }
    };
  }
}
