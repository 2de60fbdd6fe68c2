package io.neutrino.server.l3;

import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.core.CoreTables;
import io.neutrino.server.db.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * floatingip_pools (neutron/db/l3_fip_pools_db.py): the IPv4 subnets of external networks, read
 * only.
 */
final class FloatingIpPoolResource implements ResourceHandler {
  private final Database db;

  FloatingIpPoolResource(Database db) {
    this.db = db;
  }

  private static NeutronException notAllowed() {
    return new NeutronException("HTTPMethodNotAllowed", 405,
        "The method is not allowed for this resource.");
  }

  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery q) {
    List<Map<String, Object>> out = new ArrayList<>();
    db.txVoid(h -> {
      List<String> nets = h.createQuery("SELECT id FROM networks WHERE router_external = ? ORDER BY id")
          .bind(0, true).mapTo(String.class).list();
      for (String net : nets) {
        for (Map<String, Object> s : CoreTables.SUBNETS.findWhere(h, "network_id", net)) {
          if (!Integer.valueOf(4).equals(s.get("ip_version"))) {
            continue;
          }
          Map<String, Object> pool = new LinkedHashMap<>();
          pool.put("subnet_id", s.get("id"));
          pool.put("subnet_name", s.get("name"));
          pool.put("cidr", s.get("cidr"));
          pool.put("network_id", net);
          pool.put("project_id", s.get("project_id"));
          pool.put("tenant_id", s.get("project_id"));
          if (matches(pool, q.filters())) {
            out.add(pool);
          }
        }
      }
    });
    return q.limit() == null || out.size() <= q.limit() ? out : out.subList(0, q.limit());
  }

  private static boolean matches(Map<String, Object> pool, Map<String, List<Object>> filters) {
    for (var f : filters.entrySet()) {
      if (pool.containsKey(f.getKey()) && f.getValue().stream()
          .noneMatch(v -> Objects.equals(String.valueOf(v), String.valueOf(pool.get(f.getKey()))))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String id) {
    throw io.neutrino.lib.fault.Faults.notFoundWith("HTTPNotFound", "The resource could not be found.");
  }

  @Override
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> resource) {
    throw notAllowed();
  }

  @Override
  public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    throw notAllowed();
  }

  @Override
  public void delete(RequestContext ctx, String id) {
    throw notAllowed();
  }
}
