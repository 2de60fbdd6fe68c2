package io.neutrino.server.ipavailability;

import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.apidef.NetworkIpAvailability;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.Plugin;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Json;
import io.neutrino.server.db.Where;
import io.neutrino.server.ipam.Cidr;
import io.neutrino.server.ipam.IpRange;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Neutron's NetworkIPAvailabilityPlugin ({@code network_ip_availability}, a default service
 * plugin; neutron/db/network_ip_availability_db.py): per network and per subnet, how many
 * addresses the allocation pools hold (the whole CIDR when a subnet has none) and how many are
 * allocated. Read only; the policy makes it admin only. Networks without subnets are listed with
 * zeros; the {@code ip_version} filter keeps only subnets of that version, and so only networks
 * that have one.
 */
public final class NetworkIpAvailabilityPlugin implements Plugin, ResourceHandler {
  private static final int CHUNK = 500;
  private final Database db;

  NetworkIpAvailabilityPlugin(Database db) {
    this.db = db;
  }

  @Override
  public Map<String, ResourceHandler> handlers() {
    return Map.of(NetworkIpAvailability.COLLECTION, this);
  }

  @Override
  public List<ExtensionDef> supportedExtensions() {
    return List.of(NetworkIpAvailability.extension());
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String id) {
    List<Map<String, Object>> found = db.read(h -> availabilities(h,
        Map.of("network_id", List.of(id))));
    if (found.isEmpty()) {
      throw Faults.notFoundWith("NetworkNotFound", "Network " + id + " could not be found.");
    }
    return found.get(0);
  }

  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery q) {
    List<Map<String, Object>> all = db.read(h -> availabilities(h, q.filters()));
    boolean descending = q.sorts().stream().anyMatch(s -> s.key().equals("network_id") && !s.ascending());
    Comparator<Map<String, Object>> order = Comparator.comparing(m -> (String) m.get("network_id"));
    if (descending != q.pageReverse()) {
      order = order.reversed();
    }
    all.sort(order);
    int from = 0;
    if (q.marker() != null) {
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i).get("network_id").equals(q.marker())) {
          from = i + 1;
          break;
        }
      }
    }
    List<Map<String, Object>> page = new ArrayList<>(all.subList(from, all.size()));
    if (q.limit() != null && page.size() > q.limit()) {
      page = new ArrayList<>(page.subList(0, q.limit()));
    }
    if (q.pageReverse()) {
      java.util.Collections.reverse(page);
    }
    return page;
  }

  private static List<Map<String, Object>> availabilities(Handle h, Map<String, List<Object>> filters) {
    Where nw = new Where();
    column(nw, filters, "network_id", "id");
    column(nw, filters, "network_name", "name");
    column(nw, filters, "tenant_id", "project_id");
    column(nw, filters, "project_id", "project_id");
    Map<String, Map<String, Object>> networks = new LinkedHashMap<>();
    for (Map<String, Object> n : query(h, "SELECT id, name, project_id FROM networks", nw)) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("network_id", n.get("id"));
      out.put("network_name", n.get("name"));
      out.put("tenant_id", n.get("project_id"));
      out.put("project_id", n.get("project_id"));
      out.put("subnet_ip_availability", new ArrayList<Map<String, Object>>());
      out.put("used_ips", BigInteger.ZERO);
      out.put("total_ips", BigInteger.ZERO);
      networks.put((String) n.get("id"), out);
    }
    List<Object> versions = filters.get("ip_version");
    List<Map<String, Object>> subnets = new ArrayList<>();
    List<Object> netIds = new ArrayList<>(networks.keySet());
    for (int i = 0; i < netIds.size(); i += CHUNK) {
      Where sw = new Where().in("network_id", netIds.subList(i, Math.min(netIds.size(), i + CHUNK)));
      if (versions != null) {
        List<Object> ints = new ArrayList<>();
        for (Object v : versions) {
          try {
            ints.add(Integer.valueOf(String.valueOf(v).trim()));
          } catch (NumberFormatException e) {
            // a version that is not a number matches no subnet
          }
        }
        sw.in("ip_version", ints);
      }
      subnets.addAll(query(h, "SELECT id, network_id, name, cidr, ip_version, allocation_pools "
          + "FROM subnets", sw));
    }
    Map<Object, Long> used = new HashMap<>();
    List<Object> subnetIds = subnets.stream().map(s -> s.get("id")).toList();
    for (int i = 0; i < subnetIds.size(); i += CHUNK) {
      Where uw = new Where().in("subnet_id", subnetIds.subList(i, Math.min(subnetIds.size(), i + CHUNK)));
      var q = h.createQuery("SELECT subnet_id, COUNT(*) FROM ipallocations" + uw.sql()
          + " GROUP BY subnet_id");
      bind(q, uw);
      q.map((rs, c) -> Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> used.put(e.getKey(), e.getValue()));
    }
    subnets.sort(Comparator.comparing(s -> (String) s.get("id")));
    for (Map<String, Object> s : subnets) {
      Map<String, Object> net = networks.get(s.get("network_id"));
      Map<String, Object> sub = new LinkedHashMap<>();
      sub.put("subnet_id", s.get("id"));
      sub.put("ip_version", ((Number) s.get("ip_version")).intValue());
      sub.put("cidr", s.get("cidr"));
      sub.put("subnet_name", s.get("name"));
      BigInteger u = BigInteger.valueOf(used.getOrDefault(s.get("id"), 0L));
      BigInteger t = total((String) s.get("cidr"), (String) s.get("allocation_pools"));
      sub.put("used_ips", u);
      sub.put("total_ips", t);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> list = (List<Map<String, Object>>) net.get("subnet_ip_availability");
      list.add(sub);
      net.put("used_ips", ((BigInteger) net.get("used_ips")).add(u));
      net.put("total_ips", ((BigInteger) net.get("total_ips")).add(t));
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> n : networks.values()) {
      if (versions == null || !((List<?>) n.get("subnet_ip_availability")).isEmpty()) {
        out.add(n);
      }
    }
    return out;
  }

  /** The pools' sizes summed, or the CIDR's size when the subnet has no pool. */
  @SuppressWarnings("unchecked")
  private static BigInteger total(String cidr, String poolsJson) {
    List<Map<String, Object>> pools = (List<Map<String, Object>>) Json.read(poolsJson);
    if (pools == null || pools.isEmpty()) {
      return Cidr.parse(cidr).size();
    }
    BigInteger sum = BigInteger.ZERO;
    for (Map<String, Object> p : pools) {
      IpRange r = IpRange.ofOrNull((String) p.get("start"), (String) p.get("end"));
      if (r != null) {
        sum = sum.add(r.size());
      }
    }
    return sum;
  }

  private static void column(Where w, Map<String, List<Object>> filters, String attr, String col) {
    List<Object> values = filters.get(attr);
    if (values != null) {
      w.in(col, values.stream().map(String::valueOf).toList());
    }
  }

  private static List<Map<String, Object>> query(Handle h, String sql, Where w) {
    var q = h.createQuery(sql + w.sql());
    bind(q, w);
    return q.mapToMap().list();
  }

  private static void bind(org.jdbi.v3.core.statement.Query q, Where w) {
    for (int i = 0; i < w.params().size(); i++) {
      q.bind(i, w.params().get(i));
    }
  }


  @Override
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> resource) {
    throw Faults.methodNotAllowed();
  }

  @Override
  public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    throw Faults.methodNotAllowed();
  }

  @Override
  public void delete(RequestContext ctx, String id) {
    throw Faults.methodNotAllowed();
  }

  /** {@code neutron.service_plugins: network_ip_availability}. */
  public static final class Provider implements PluginProvider {
    @Override
    public String namespace() {
      return Namespace.SERVICE_PLUGINS;
    }

    @Override
    public List<String> aliases() {
      return List.of("network_ip_availability");
    }

    @Override
    public String className() {
      return "neutron.services.network_ip_availability.plugin.NetworkIPAvailabilityPlugin";
    }

    @Override
    public Object create(PluginContext ctx) {
      return new NetworkIpAvailabilityPlugin(ctx.service(Database.class));
    }
  }
}
