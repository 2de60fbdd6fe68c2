package io.neutrino.server.core;

import io.neutrino.lib.ids.Uuids;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.db.Batches;
import io.neutrino.server.core.ResourceDrivers.Change;
import io.neutrino.server.core.ResourceDrivers.Op;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.Where;
import io.neutrino.server.rbac.RbacType;
import io.neutrino.server.ipam.Cidr;
import io.neutrino.server.ipam.HostRoute;
import io.neutrino.server.ipam.IpAddresses;
import io.neutrino.server.ipam.IpRange;
import io.neutrino.server.ipam.PrefixAllocator;
import io.neutrino.server.ipam.SubnetMath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * subnets (neutron/db/db_base_plugin_v2.py and ipam_backend_mixin.py): CIDR given or allocated
 * from a subnet pool, gateway and allocation pools computed or checked, DNS servers and host
 * routes checked against the subnet, IPv6 modes. Nothing here walks the addresses of a subnet:
 * a /8 costs what a /28 costs.
 */
public final class SubnetResource implements ResourceHandler {
  private final Database db;
  private final Tags tags;
  private final int maxDns;
  private final int maxRoutes;
  private final Lifecycle events;
  private final ResourceDrivers drivers;

  public SubnetResource(Database db, Tags tags, int maxDns, int maxRoutes, Callbacks callbacks,
      ResourceDrivers drivers) {
    this.db = db;
    this.tags = tags;
    this.maxDns = maxDns;
    this.maxRoutes = maxRoutes;
    this.events = new Lifecycle(callbacks, "subnet");
    this.drivers = drivers;
  }

  static NeutronException notFound(String id) {
    return Faults.notFound("Subnet", id);
  }

  @Override
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> res) {
    String id = Uuids.randomString();
    Change change = db.tx(h -> {
      insert(h, ctx, id, res);
      return precommit(h, Op.CREATE, ctx, id, null, res);
    });
    drivers.postcommitCreate(change, () -> delete(RequestContext.admin(ctx.requestId()), id));
    Map<String, Object> created = answer(ctx, change);
    events.publish(Event.AFTER_CREATE, null, ctx, id, null, created, res);
    return created;
  }

  /**
   * What a create answers: the drivers' view of the new subnet, made in its transaction as its
   * creator sees it (as Neutron's ML2 hands its drivers the result it answers with); read anew
   * only when no driver asked for a view.
   */
  private Map<String, Object> answer(RequestContext ctx, Change change) {
    return change.current() != null ? new LinkedHashMap<>(change.current()) : get(ctx, change.id());
  }

  @Override
  public List<Map<String, Object>> createBulk(RequestContext ctx, List<Map<String, Object>> all) {
    List<Change> changes = db.tx(h -> {
      List<Change> done = new ArrayList<>();
      for (Map<String, Object> res : all) {
        String id = Uuids.randomString();
        insert(h, ctx, id, res);
        done.add(precommit(h, Op.CREATE, ctx, id, null, res));
      }
      return done;
    });
    drivers.postcommitCreateAll(changes, id -> delete(RequestContext.admin(ctx.requestId()), id));
    List<Map<String, Object>> out = new ArrayList<>();
    changes.forEach(c -> out.add(answer(ctx, c)));
    for (int i = 0; i < out.size(); i++) {
      events.publish(Event.AFTER_CREATE, null, ctx, changes.get(i).id(), null, out.get(i), all.get(i));
    }
    return out;
  }

  /**
   * Runs the drivers' precommit on the subnet as it now is in the transaction, as the caller sees
   * it when it creates the subnet, else as an admin does.
   */
  private Change precommit(Handle h, Op op, RequestContext ctx, String id, Map<String, Object> original,
      Map<String, Object> request) {
    RequestContext viewer = op == Op.CREATE ? ctx : RequestContext.admin(null);
    Change change = new Change("subnet", op, ctx, id, original,
        drivers.wants("subnet") ? view(h, id, viewer) : null, request);
    drivers.precommit(change, h);
    return change;
  }

  /** The subnet as an admin sees it, read in the open transaction. */
  private Map<String, Object> view(Handle h, String id) {
    return view(h, id, RequestContext.admin(null));
  }

  /** The subnet as {@code viewer} sees it, read in the open transaction. */
  private Map<String, Object> view(Handle h, String id, RequestContext viewer) {
    Map<String, Object> row = CoreTables.SUBNETS.find(h, id).orElseThrow(() -> notFound(id));
    List<Map<String, Object>> shown = decorate(h, viewer, List.of(row));
    if (shown.isEmpty()) {
      throw notFound(id);
    }
    return shown.get(0);
  }

  @SuppressWarnings("unchecked")
  private void insert(Handle h, RequestContext ctx, String id, Map<String, Object> res) {
    String networkId = (String) res.get("network_id");
    Map<String, Object> network = CoreTables.NETWORKS.find(h, networkId)
        .orElseThrow(() -> NetworkResource.notFound(networkId));
    if (!NetworkResource.visible(h, ctx, network)) {
      throw NetworkResource.notFound(networkId); // may the caller add to it: create_subnet policy
    }
    // The network's revision first: its row lock then orders the creates on one network, so the
    // CIDR overlap check below sees every subnet committed before. Taken after the INSERT, as it
    // was, the lock upgraded the shared one the INSERT's foreign-key check took, and two creates
    // on one network deadlocked (MariaDB), one of them retried.
    var now = Resources.now();
    CoreTables.NETWORKS.bumpRevision(h, networkId, now);
    int ipVersion = (Integer) res.get("ip_version");
    String cidrText = (String) res.get("cidr");
    String poolId = (String) res.get("subnetpool_id");
    if (poolId == null && Boolean.TRUE.equals(res.get("use_default_subnetpool"))) {
      poolId = h.createQuery("SELECT id FROM subnetpools WHERE is_default = ? AND ip_version = ?")
          .bind(0, true).bind(1, ipVersion).mapTo(String.class).findFirst()
          .orElseThrow(() -> Faults.badRequestFor("subnets",
              "No default subnetpool found for IPv" + ipVersion));
    }
    Cidr cidr;
    if (poolId != null) {
      cidr = allocateFromPool(h, ctx, poolId, ipVersion, cidrText, (Integer) res.get("prefixlen"));
    } else {
      if (cidrText == null) {
        throw Faults.badRequestFor("subnets",
            "a subnetpool must be specified in the absence of a cidr");
      }
      SubnetMath.validateIpVersion(ipVersion, cidrText, "cidr");
      cidr = Cidr.parse(cidrText);
    }
    List<Cidr> existing = new ArrayList<>();
    h.createQuery("SELECT cidr FROM subnets WHERE network_id = ?").bind(0, networkId)
        .mapTo(String.class).forEach(c -> existing.add(Cidr.parse(c)));
    SubnetMath.validateSubnetCidr(cidr.toString(), networkId, existing);
    checkIpv6Modes(ipVersion, cidr, res);

    String gateway;
    if (!res.containsKey("gateway_ip")) {
      // Neutron: the network address for IPv6 given by CIDR, the first host otherwise.
      gateway = poolId == null ? SubnetMath.defaultGateway(cidr) : SubnetMath.firstHost(cidr);
    } else {
      gateway = (String) res.get("gateway_ip");
      if (gateway != null) {
        SubnetMath.validateGateway(ipVersion, cidr, gateway);
        gateway = IpAddresses.canonical(gateway);
      }
    }
    List<SubnetMath.RawPool> userPools = null;
    if (res.get("allocation_pools") instanceof List<?> pools) {
      userPools = new ArrayList<>();
      for (Object p : pools) {
        Map<String, Object> m = (Map<String, Object>) p;
        userPools.add(new SubnetMath.RawPool((String) m.get("start"), (String) m.get("end")));
      }
    }
    List<IpRange> pools = SubnetMath.prepareAllocationPools(cidr, gateway, userPools);
    SubnetMath.validateGatewayOutOfPools(gateway, pools);
    if (Boolean.TRUE.equals(res.getOrDefault("enable_dhcp", true)) && ipVersion == 4) {
      SubnetMath.validateDhcpCompatible(cidr);
    }
    List<String> dns = (List<String>) res.getOrDefault("dns_nameservers", List.of());
    SubnetMath.validateDnsNameservers(ipVersion, dns, maxDns, null);
    List<Map<String, Object>> routes = (List<Map<String, Object>>) res.getOrDefault("host_routes", List.of());
    SubnetMath.validateHostRoutes(ipVersion, toRoutes(routes), maxRoutes, null);

    Map<String, Object> row = new LinkedHashMap<>(res);
    row.put("id", id);
    row.put("cidr", cidr.toString());
    row.put("gateway_ip", gateway);
    row.put("subnetpool_id", poolId);
    row.put("allocation_pools", poolsJson(pools));
    row.put("dns_nameservers", dns);
    row.put("host_routes", routes);
    row.putIfAbsent("service_types", List.of());
    row.putIfAbsent("enable_dhcp", true);
    row.putIfAbsent("dns_publish_fixed_ip", false);
    row.put("created_at", now);
    row.put("updated_at", now);
    row.put("revision_number", 1L);
    CoreTables.SUBNETS.insert(h, row);
    if (ipVersion == 6 && isAutoAddress(row)) {
      PortResource.addAutoAddresses(h, row);
    }
    events.publish(Event.PRECOMMIT_CREATE, h, ctx, id, null, row, res);
  }

  private Cidr allocateFromPool(Handle h, RequestContext ctx, String poolId, int ipVersion,
      String cidrText, Integer prefixlen) {
    // Lock the pool row so concurrent allocations from one pool queue up (on every server).
    Map<String, Object> pool = CoreTables.SUBNETPOOLS.findForUpdate(h, poolId)
        .orElseThrow(() -> Faults.notFound("Subnet pool", poolId));
    if (!SubnetpoolResource.RBAC.usable(h, ctx, pool)) {
      throw Faults.notFound("Subnet pool", poolId);
    }
    int poolVersion = (Integer) pool.get("ip_version");
    if (poolVersion != ipVersion) {
      throw Faults.badRequestFor("subnets", "Cannot allocate IPv" + ipVersion
          + " subnet from IPv" + poolVersion + " subnet pool");
    }
    @SuppressWarnings("unchecked")
    List<Cidr> prefixes = ((List<String>) pool.get("prefixes")).stream().map(Cidr::parse).toList();
    List<Cidr> allocated = h.createQuery("SELECT cidr FROM subnets WHERE subnetpool_id = ?")
        .bind(0, poolId).mapTo(String.class).map(Cidr::parse).list();
    var bounds = new PrefixAllocator.PrefixBounds((Integer) pool.get("min_prefixlen"),
        (Integer) pool.get("max_prefixlen"), (Integer) pool.get("default_prefixlen"));
    if (pool.get("default_quota") != null) {
      List<Cidr> mine = h.createQuery("SELECT cidr FROM subnets WHERE subnetpool_id = ? AND project_id = ?")
          .bind(0, poolId).bind(1, ctx.projectId()).mapTo(String.class).map(Cidr::parse).list();
      int len = cidrText != null ? Cidr.parse(cidrText).prefixLength()
          : prefixlen != null ? prefixlen : bounds.defaultPrefixlen();
      PrefixAllocator.checkQuota(ipVersion, mine, len, (Integer) pool.get("default_quota"));
    }
    if (cidrText != null) {
      SubnetMath.validateIpVersion(ipVersion, cidrText, "cidr");
      return PrefixAllocator.allocateSpecific(prefixes, allocated, Cidr.parse(cidrText), bounds);
    }
    return PrefixAllocator.allocateAny(prefixes, allocated,
        prefixlen != null ? prefixlen : bounds.defaultPrefixlen(), bounds);
  }

  private static void checkIpv6Modes(int ipVersion, Cidr cidr, Map<String, Object> res) {
    Object ra = res.get("ipv6_ra_mode");
    Object addr = res.get("ipv6_address_mode");
    if (ipVersion == 4) {
      if (ra != null) {
        throw Faults.invalidInput("ipv6_ra_mode is not valid when ip_version is 4");
      }
      if (addr != null) {
        throw Faults.invalidInput("ipv6_address_mode is not valid when ip_version is 4");
      }
      return;
    }
    if (ra != null && addr != null && !ra.equals(addr)) {
      throw Faults.invalidInput("ipv6_ra_mode set to '" + ra + "' with ipv6_address_mode set to '"
          + addr + "' is not valid. If both attributes are set, they must be the same value");
    }
    boolean slaac = "slaac".equals(addr) || "dhcpv6-stateless".equals(addr)
        || (addr == null && ("slaac".equals(ra) || "dhcpv6-stateless".equals(ra)));
    if (slaac && cidr.prefixLength() != 64) {
      throw Faults.invalidInput("Invalid CIDR " + cidr + " for IPv6 address mode. OpenStack uses "
          + "the EUI-64 address format, which requires the prefix to be /64");
    }
  }

  static boolean isAutoAddress(Map<String, Object> subnet) {
    Object mode = subnet.get("ipv6_address_mode");
    Object ra = subnet.get("ipv6_ra_mode");
    return "slaac".equals(mode) || "dhcpv6-stateless".equals(mode)
        || (mode == null && ("slaac".equals(ra) || "dhcpv6-stateless".equals(ra)));
  }

  private static List<HostRoute> toRoutes(List<Map<String, Object>> routes) {
    List<HostRoute> out = new ArrayList<>();
    for (Map<String, Object> r : routes) {
      out.add(new HostRoute((String) r.get("destination"), (String) r.get("nexthop")));
    }
    return out;
  }

  static List<Map<String, Object>> poolsJson(List<IpRange> pools) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (IpRange p : pools) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("start", p.start());
      m.put("end", p.end());
      out.add(m);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static List<IpRange> pools(Map<String, Object> subnet) {
    List<IpRange> out = new ArrayList<>();
    for (Map<String, Object> m : (List<Map<String, Object>>) subnet.get("allocation_pools")) {
      out.add(new IpRange((String) m.get("start"), (String) m.get("end")));
    }
    return out;
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String id) {
    return db.read(h -> {
      Map<String, Object> row = CoreTables.SUBNETS.find(h, id).orElseThrow(() -> notFound(id));
      List<Map<String, Object>> shown = decorate(h, ctx, List.of(row));
      if (shown.isEmpty()) {
        throw notFound(id);
      }
      return shown.get(0);
    });
  }

  static Where visibility(RequestContext ctx) {
    Where w = new Where();
    if (!ctx.isAdmin()) {
      // Subnets of shared networks are visible to all; those of external networks are not.
      w.add("(subnets.project_id = ? OR subnets.network_id IN (SELECT id FROM networks WHERE "
          + "shared = ?) OR subnets.network_id IN (SELECT object_id FROM " + NetworkResource.RBAC.table()
          + " WHERE action = ? AND target_tenant = ?))",
          List.of(ctx.projectId(), true, RbacType.SHARED, ctx.projectId()));
    }
    return w;
  }

  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery q) {
    return db.read(h -> {
      Where w = visibility(ctx);
      tags.filter(w, "subnets", q.filters());
      Set<String> handled = new HashSet<>(Tags.FILTERS);
      if (q.filters().containsKey("shared")) {
        // A subnet is shared as its network is (its rbac_entries are the network's).
        NetworkResource.RBAC.filterShared(w, ctx, "subnets.network_id", q.filters().get("shared"));
        handled.add("shared");
      }
      return Resources.list(h, CoreTables.SUBNETS, q, w, handled, rows -> decorate(h, ctx, rows));
    });
  }

  /**
   * Adds {@code shared} (the network's), tags and standard attributes; drops invisible rows. The
   * networks' flags, the tags and the networks' RBAC grants are read together, one round trip to
   * a database server per page.
   */
  private List<Map<String, Object>> decorate(Handle h, RequestContext ctx, List<Map<String, Object>> rows) {
    if (rows.isEmpty()) {
      return rows;
    }
    Set<Object> networkIds = new HashSet<>();
    rows.forEach(r -> networkIds.add(r.get("network_id")));
    Set<Object> sharedNetworks = new HashSet<>();
    Map<Object, List<String>> tagsById = new HashMap<>();
    Set<String> sharedWithCaller = new HashSet<>();
    db.readPages(h, List.of(
        Batches.stated("SELECT id FROM networks WHERE shared = TRUE AND", List.of(), "id", networkIds, null,
            rs -> rs.getString(1), id -> id).applying((found, tx) -> sharedNetworks.addAll(found)),
        tags.pageRead(rows, tagsById::putAll),
        NetworkResource.RBAC.sharedWith(ctx.projectId(), networkIds, sharedWithCaller::addAll)));
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      boolean shared = sharedNetworks.contains(row.get("network_id"))
          || sharedWithCaller.contains(row.get("network_id"));
      if (!ctx.isAdmin() && !Objects.equals(ctx.projectId(), row.get("project_id")) && !shared) {
        continue;
      }
      Resources.standardAttributes(row);
      row.put("shared", shared);
      row.put("tags", tagsById.getOrDefault(row.get("id"), List.of()));
      out.add(row);
    }
    events.extend(out, h);
    return out;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    Change change = db.tx(h -> {
      Map<String, Object> row = CoreTables.SUBNETS.findForUpdate(h, id).orElseThrow(() -> notFound(id));
      Map<String, Object> original = drivers.wants("subnet") ? view(h, id) : null;
      Cidr cidr = Cidr.parse((String) row.get("cidr"));
      int ipVersion = (Integer) row.get("ip_version");
      Map<String, Object> set = new LinkedHashMap<>(changes);
      String gateway = changes.containsKey("gateway_ip") ? (String) changes.get("gateway_ip")
          : (String) row.get("gateway_ip");
      if (changes.containsKey("gateway_ip") && gateway != null) {
        SubnetMath.validateGateway(ipVersion, cidr, gateway);
        gateway = IpAddresses.canonical(gateway);
        set.put("gateway_ip", gateway);
        int used = h.createQuery("SELECT COUNT(*) FROM ipallocations WHERE subnet_id = ? AND ip_address = ?")
            .bind(0, id).bind(1, gateway).mapTo(Integer.class).one();
        if (used > 0 && !gateway.equals(row.get("gateway_ip"))) {
          throw Faults.conflict("GatewayIpInUse", "Current gateway ip " + gateway
              + " already in use by port. Unable to update.");
        }
      }
      List<IpRange> pools = pools(row);
      if (changes.get("allocation_pools") instanceof List<?> given) {
        List<SubnetMath.RawPool> raw = new ArrayList<>();
        for (Object p : given) {
          Map<String, Object> m = (Map<String, Object>) p;
          raw.add(new SubnetMath.RawPool((String) m.get("start"), (String) m.get("end")));
        }
        pools = SubnetMath.prepareAllocationPools(cidr, gateway, raw);
        set.put("allocation_pools", poolsJson(pools));
      } else if (changes.containsKey("allocation_pools")) {
        set.remove("allocation_pools");
      }
      if (changes.containsKey("gateway_ip") || changes.containsKey("allocation_pools")) {
        SubnetMath.validateGatewayOutOfPools(gateway, pools);
      }
      if (changes.containsKey("dns_nameservers")) {
        SubnetMath.validateDnsNameservers(ipVersion, (List<String>) changes.get("dns_nameservers"), maxDns, id);
      }
      if (changes.containsKey("host_routes")) {
        SubnetMath.validateHostRoutes(ipVersion,
            toRoutes((List<Map<String, Object>>) changes.get("host_routes")), maxRoutes, id);
      }
      if (Boolean.TRUE.equals(changes.get("enable_dhcp")) && ipVersion == 4) {
        SubnetMath.validateDhcpCompatible(cidr);
      }
      CoreTables.SUBNETS.update(h, id, set, Resources.now());
      events.publish(Event.PRECOMMIT_UPDATE, h, ctx, id, row, set, changes);
      return precommit(h, Op.UPDATE, ctx, id, original, changes);
    });
    drivers.postcommit(change);
    Map<String, Object> updated = get(ctx, id);
    events.publish(Event.AFTER_UPDATE, null, ctx, id, null, updated, changes);
    return updated;
  }

  @Override
  public void delete(RequestContext ctx, String id) {
    events.publish(Event.BEFORE_DELETE, null, ctx, id, null, null, null);
    List<Map<String, Object>> deleted = new ArrayList<>(1);
    Change change = db.tx(h -> {
      Map<String, Object> row = CoreTables.SUBNETS.findForUpdate(h, id).orElseThrow(() -> notFound(id));
      events.publish(Event.PRECOMMIT_DELETE, h, ctx, id, row, null, null);
      Change deleting = new Change("subnet", Op.DELETE, ctx, id, null,
          drivers.wants("subnet") ? view(h, id) : null, null);
      // Addresses of SLAAC/stateless subnets are automatic: they go with the subnet (Neutron).
      int inUse = isAutoAddress(row) ? 0 : h.createQuery("SELECT COUNT(*) FROM ipallocations a "
          + "JOIN ports p ON p.id = a.port_id WHERE a.subnet_id = ? AND p.device_owner <> ?")
          .bind(0, id).bind(1, "network:dhcp").mapTo(Integer.class).one();
      if (inUse > 0) {
        throw Faults.conflict("SubnetInUse", "Unable to complete operation on subnet " + id
            + ": One or more ports have an IP allocation from this subnet.");
      }
      List<String> affectedPorts = h.createQuery("SELECT port_id FROM ipallocations WHERE subnet_id = ?")
          .bind(0, id).mapTo(String.class).list();
      h.execute("DELETE FROM ipallocations WHERE subnet_id = ?", id);
      for (String portId : affectedPorts) {
        PortResource.dropFixedIpsOfSubnet(h, portId, id);
      }
      drivers.precommit(deleting, h);
      tags.deleteAll(h, id);
      CoreTables.SUBNETS.delete(h, id);
      CoreTables.NETWORKS.bumpRevision(h, (String) row.get("network_id"), Resources.now());
      deleted.clear();
      deleted.add(row);
      return deleting;
    });
    drivers.postcommit(change);
    events.publish(Event.AFTER_DELETE, null, ctx, id, deleted.get(0), null, null);
  }
}
