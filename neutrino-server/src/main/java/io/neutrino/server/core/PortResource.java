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
import io.neutrino.server.db.WriteBehind;
import io.neutrino.server.ipam.AddressPicker;
import io.neutrino.server.ipam.Cidr;
import io.neutrino.server.ipam.Eui64;
import io.neutrino.server.ipam.IpAddresses;
import io.neutrino.server.ipam.IpRange;
import io.neutrino.server.ipam.SubnetMath;
import io.neutrino.server.ipam.UsedAddresses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * ports (db_base_plugin_v2 create/update/delete_port with the internal IPAM driver): MAC from
 * base_mac unique per network, fixed IPs by subnet or address, one address from the first IPv4 and
 * stateful IPv6 subnet with room plus every SLAAC subnet when none are asked for.
 *
 * <p>Uniqueness is the database's: {@code ipallocations}' primary key (subnet, address) and the
 * unique (network, MAC) of {@code ports}. An automatic pick that loses a race makes the transaction
 * run again with a fresh pick; an address or MAC the client asked for that is taken is a 409.
 */
public final class PortResource implements ResourceHandler {
  private static final int PROBES = 8;
  /** Random MACs drawn for a port of a bulk before the last one is used unchecked. */
  private static final int MAC_DRAWS = 16;

  private final Database db;
  private final Tags tags;
  private final MacAddresses macs;
  private final Lifecycle events;
  private final ResourceDrivers drivers;

  public PortResource(Database db, Tags tags, MacAddresses macs, Callbacks callbacks,
      ResourceDrivers drivers) {
    this.db = db;
    this.tags = tags;
    this.macs = macs;
    this.events = new Lifecycle(callbacks, "port");
    this.drivers = drivers;
  }

  static NeutronException notFound(String id) {
    return Faults.notFound("Port", id);
  }

  @Override
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> res) {
    String id = Uuids.randomString();
    events.publish(Event.BEFORE_CREATE, null, ctx, id, null, res, res);
    Change change = db.tx(h -> {
      Map<String, Object> written = insert(h, ctx, id, res, false);
      return precommit(h, Op.CREATE, ctx, id, null, written, res);
    });
    drivers.postcommitCreate(change, () -> delete(RequestContext.admin(ctx.requestId()), id));
    // The drivers' view is the port as committed (and as bound, if postcommit bound it), as
    // Neutron answers with its port context: no second read.
    Map<String, Object> created = change.current() != null ? change.current() : db.read(h -> view(h, id));
    events.publish(Event.AFTER_CREATE, null, ctx, id, null, created, res);
    return created;
  }

  /**
   * Runs the drivers' precommit on the port as it now is in the transaction; {@code written} is
   * the row a create just inserted (null otherwise), so that only its side tables are read.
   */
  private Change precommit(Handle h, Op op, RequestContext ctx, String id, Map<String, Object> original,
      Map<String, Object> written, Map<String, Object> request) {
    Map<String, Object> current = null;
    if (drivers.wants("port")) {
      current = Optional.ofNullable(written).flatMap(CoreTables.PORTS::asRead)
          .map(row -> decorateWritten(h, row, written))
          .orElseGet(() -> view(h, id));
    }
    Change change = new Change("port", op, ctx, id, original, current, request);
    drivers.precommit(change, h);
    return change;
  }

  /** The port as an admin sees it, read on {@code h}. */
  private Map<String, Object> view(Handle h, String id) {
    return readWithView(h, id, CoreTables.PORTS.findRead(id)).orElseThrow(() -> notFound(id)).view();
  }

  @Override
  public List<Map<String, Object>> createBulk(RequestContext ctx, List<Map<String, Object>> all) {
    List<Change> changes = db.tx(h -> {
      List<Change> done = new ArrayList<>();
      // A bulk allocates many addresses in one long transaction, invisible to others until it
      // commits: two such bulks on one subnet would keep colliding and retrying. Bulks on the
      // same network therefore queue on its subnets' rows; single creates do not wait.
      new java.util.TreeSet<>(all.stream().map(r -> (String) r.get("network_id")).toList())
          .forEach(net -> h.createQuery("SELECT id FROM subnets WHERE network_id = ? ORDER BY id FOR UPDATE")
              .bind(0, net).mapTo(String.class).list());
      for (Map<String, Object> res : all) {
        String id = Uuids.randomString();
        Map<String, Object> written = insert(h, ctx, id, res, true);
        done.add(precommit(h, Op.CREATE, ctx, id, null, written, res));
      }
      return done;
    });
    drivers.postcommitCreateAll(changes, id -> delete(RequestContext.admin(ctx.requestId()), id));
    // As for one port: the drivers' views are the ports as committed (and bound), no re-read.
    List<Map<String, Object>> created = changes.stream().allMatch(c -> c.current() != null)
        ? changes.stream().map(Change::current).toList()
        : db.read(h -> {
          List<Map<String, Object>> rows = new ArrayList<>();
          for (Change c : changes) {
            rows.add(CoreTables.PORTS.find(h, c.id()).orElseThrow(() -> notFound(c.id())));
          }
          return decorate(h, rows);
        });
    for (int i = 0; i < created.size(); i++) {
      events.publish(Event.AFTER_CREATE, null, ctx, changes.get(i).id(), null, created.get(i), all.get(i));
    }
    return created;
  }

  /**
   * Inserts the port and its addresses; returns the row as written (with the extensions' keys).
   * {@code bulk}: a random MAC is checked against the network's ports before it is used. A MAC
   * that collides makes the whole transaction run again; for one port that is rare and cheap, but
   * a bulk of 500 on a network with 60,000 ports collides on most attempts (each draw hits with
   * probability ports / 2^24) and ran out of attempts.
   */
  private Map<String, Object> insert(Handle h, RequestContext ctx, String id, Map<String, Object> res,
      boolean bulk) {
    String networkId = (String) res.get("network_id");
    // The network and its subnets in one round trip.
    List<List<?>> found = db.selectTogether(h, List.of(CoreTables.NETWORKS.findRead(networkId),
        CoreTables.SUBNETS.findWhereRead("network_id", networkId)));
    if (found.get(0).isEmpty()) {
      throw NetworkResource.notFound(networkId);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> network = (Map<String, Object>) found.get(0).get(0);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> subnets = new ArrayList<>((List<Map<String, Object>>) found.get(1));
    if (!NetworkResource.usable(h, ctx, network)) {
      throw NetworkResource.notFound(networkId);
    }
    String deviceOwner = (String) res.getOrDefault("device_owner", "");
    String mac = (String) res.get("mac_address");
    boolean macGiven = mac != null;
    if (macGiven) {
      checkMacFree(h, networkId, mac);
    } else {
      mac = macs.random();
      for (int draw = 1; bulk && draw < MAC_DRAWS && macTaken(h, networkId, mac); draw++) {
        mac = macs.random();
      }
    }
    var now = Resources.now();
    Map<String, Object> row = new LinkedHashMap<>(res);
    row.put("id", id);
    row.put("mac_address", mac);
    row.put("status", "DOWN");
    List<Map<String, Object>> fixedIps = allocate(h, networkId, subnets, deviceOwner, mac,
        res.containsKey("fixed_ips") ? asList(res.get("fixed_ips")) : null);
    row.put("fixed_ips", fixedIps);
    row.put("allowed_address_pairs", normalizePairs(res.get("allowed_address_pairs"), mac));
    row.put("extra_dhcp_opts", normalizeDhcpOpts(res.get("extra_dhcp_opts")));
    row.putIfAbsent("device_id", "");
    row.putIfAbsent("device_owner", "");
    row.put("created_at", now);
    row.put("updated_at", now);
    row.put("revision_number", 1L);
    String macUsed = mac;
    // A random MAC collided (or a given one was taken meanwhile): start again.
    CoreTables.PORTS.insertLater(h, row, e -> Database.isDuplicateKey(e)
        ? new Database.RetryRequest("MAC " + macUsed + " taken concurrently") : null);
    persist(h, id, networkId, fixedIps);
    events.publish(Event.PRECOMMIT_CREATE, h, ctx, id, null, row, res);
    return row;
  }

  private static boolean macTaken(Handle h, String networkId, String mac) {
    return h.createQuery("SELECT COUNT(*) FROM ports WHERE network_id = ? AND mac_address = ?")
        .bind(0, networkId).bind(1, mac).mapTo(Integer.class).one() > 0;
  }

  private static void checkMacFree(Handle h, String networkId, String mac) {
    if (macTaken(h, networkId, mac)) {
      throw Faults.conflict("MacAddressInUse", "Unable to complete operation for network "
          + networkId + ". The mac address " + mac + " is in use.");
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> asList(Object v) {
    return v == null ? List.of() : (List<Map<String, Object>>) v;
  }

  /**
   * Allocates the addresses of a port and records them; {@code requested} null means "pick for
   * me". Returns the port's fixed_ips in the order they were asked for.
   */
  private List<Map<String, Object>> allocate(Handle h, String networkId, List<Map<String, Object>> subnets,
      String deviceOwner, String mac, List<Map<String, Object>> requested) {
    subnets.sort((a, b) -> {
      int c = ((java.time.Instant) a.get("created_at")).compareTo((java.time.Instant) b.get("created_at"));
      return c != 0 ? c : ((String) a.get("id")).compareTo((String) b.get("id"));
    });
    List<Map<String, Object>> out = new ArrayList<>();
    if (requested == null) {
      List<Map<String, Object>> candidates = serviceSubnets(subnets, deviceOwner);
      List<Map<String, Object>> v4 = new ArrayList<>();
      List<Map<String, Object>> v6Stateful = new ArrayList<>();
      for (Map<String, Object> s : candidates) {
        if ((Integer) s.get("ip_version") == 4) {
          v4.add(s);
        } else if (SubnetResource.isAutoAddress(s)) {
          if (!isRouterOwner(deviceOwner)) {
            out.add(record(h, networkId, s, Eui64.address((String) s.get("cidr"), mac), false));
          }
        } else {
          v6Stateful.add(s);
        }
      }
      for (List<Map<String, Object>> group : List.of(v4, v6Stateful)) {
        if (!group.isEmpty()) {
          out.add(0, allocateAny(h, networkId, group));
        }
      }
      out.sort((a, b) -> Integer.compare(version(a), version(b)));
      return out;
    }
    for (Map<String, Object> want : requested) {
      String subnetId = (String) want.get("subnet_id");
      String ip = (String) want.get("ip_address");
      Map<String, Object> subnet = null;
      if (subnetId != null) {
        subnet = subnets.stream().filter(s -> s.get("id").equals(subnetId)).findFirst().orElse(null);
        if (subnet == null) {
          if (CoreTables.SUBNETS.find(h, subnetId).isEmpty()) {
            throw SubnetResource.notFound(subnetId);
          }
          throw Faults.invalidInput("Failed to create port on network " + networkId
              + ", because fixed_ips included invalid subnet " + subnetId);
        }
        if (ip != null && !SubnetMath.checkSubnetIp(Cidr.parse((String) subnet.get("cidr")), ip, deviceOwner)) {
          throw Faults.invalidInput("IP address " + ip + " is not a valid IP for the specified subnet.");
        }
      } else if (ip != null) {
        for (Map<String, Object> s : subnets) {
          if (SubnetMath.checkSubnetIp(Cidr.parse((String) s.get("cidr")), ip, deviceOwner)) {
            subnet = s;
            break;
          }
        }
        if (subnet == null) {
          throw Faults.invalidInput("IP address " + ip
              + " is not a valid IP for any of the subnets on the specified network.");
        }
      } else {
        throw Faults.invalidInput("Invalid fixed_ips entry: a subnet_id or ip_address is required");
      }
      if (ip != null) {
        if (SubnetResource.isAutoAddress(subnet) && !isRouterOwner(deviceOwner)) {
          throw Faults.invalidInput("IPv6 address " + ip + " cannot be directly assigned to a port "
              + "on subnet " + subnet.get("id") + " as the subnet is configured for automatic addresses");
        }
        out.add(record(h, networkId, subnet, IpAddresses.canonical(ip), true));
      } else if (SubnetResource.isAutoAddress(subnet) && !isRouterOwner(deviceOwner)) {
        out.add(record(h, networkId, subnet, Eui64.address((String) subnet.get("cidr"), mac), false));
      } else {
        out.add(allocateAny(h, networkId, List.of(subnet)));
      }
    }
    return out;
  }

  private static int version(Map<String, Object> fixedIp) {
    return ((String) fixedIp.get("ip_address")).contains(":") ? 6 : 4;
  }

  private static boolean isRouterOwner(String owner) {
    return SubnetMath.ROUTER_PORT_OWNERS.contains(owner);
  }

  /** subnet-service-types: subnets serving this device owner, else those serving anything. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> serviceSubnets(List<Map<String, Object>> subnets, String owner) {
    List<Map<String, Object>> matching = new ArrayList<>();
    List<Map<String, Object>> generic = new ArrayList<>();
    for (Map<String, Object> s : subnets) {
      List<String> types = (List<String>) s.getOrDefault("service_types", List.of());
      if (types == null || types.isEmpty()) {
        generic.add(s);
      } else if (types.contains(owner)) {
        matching.add(s);
      }
    }
    return matching.isEmpty() ? generic : matching;
  }

  /** A free address from the first subnet of {@code group} with room (IpAddressGenerationFailure). */
  private Map<String, Object> allocateAny(Handle h, String networkId,
      List<Map<String, Object>> group) {
    for (Map<String, Object> subnet : group) {
      String ip = freeAddress(h, (String) subnet.get("id"), SubnetResource.pools(subnet));
      if (ip != null) {
        return record(h, networkId, subnet, ip, false);
      }
    }
    if (group.size() == 1) {
      throw Faults.conflict("IpAddressGenerationFailure",
          "No more IP addresses available for subnet " + group.get(0).get("id") + ".");
    }
    throw Faults.conflict("IpAddressGenerationFailureAllSubnets", "No more IP addresses available.");
  }

  /**
   * A free address of the subnet's pools, or null when they are full: a few random probes first,
   * then (nearly full, or unlucky) every used address read once and a pick among the free ones.
   * Package-visible for the JMH benchmark of this path.
   */
  static String freeAddress(Handle h, String subnetId, List<IpRange> pools) {
    String ip = probe(h, subnetId, pools);
    if (ip == null) {
      List<String> used = h.createQuery("SELECT ip_address FROM ipallocations WHERE subnet_id = ?")
          .bind(0, subnetId).mapTo(String.class).list();
      ip = AddressPicker.pick(pools, UsedAddresses.of(used), ThreadLocalRandom.current()).orElse(null);
    }
    return ip;
  }

  /**
   * Draws random addresses from the pools and asks the database which are taken, in one query:
   * cost independent of the subnet's size and of how many addresses are used. Null when every
   * probe hit a used address.
   */
  private static String probe(Handle h, String subnetId, List<IpRange> pools) {
    List<String> candidates = AddressPicker.randomCandidates(pools, PROBES, ThreadLocalRandom.current());
    if (candidates.isEmpty()) {
      return null;
    }
    // By address alone, so every database uses the address index (H2 would otherwise walk the
    // subnet's part of the primary key); the subnet is matched here.
    var q = h.createQuery("SELECT subnet_id, ip_address FROM ipallocations WHERE ip_address IN ("
        + Batches.marks(candidates.size()) + ")");
    for (int i = 0; i < candidates.size(); i++) {
      q.bind(i, candidates.get(i));
    }
    Set<String> taken = new HashSet<>();
    q.mapToMap().forEach(r -> {
      if (subnetId.equals(r.get("subnet_id"))) {
        taken.add((String) r.get("ip_address"));
      }
    });
    for (String c : candidates) {
      if (!taken.contains(c)) {
        return c;
      }
    }
    return null;
  }

  /**
   * One planned allocation. An address the client asked for is checked here (409 when taken); the
   * rows are written by {@link #persist}, where the primary key is the arbiter of who got it.
   */
  private static Map<String, Object> record(Handle h, String networkId, Map<String, Object> subnet,
      String ip, boolean requested) {
    String subnetId = (String) subnet.get("id");
    if (requested) {
      int n = h.createQuery("SELECT COUNT(*) FROM ipallocations WHERE subnet_id = ? AND ip_address = ?")
          .bind(0, subnetId).bind(1, ip).mapTo(Integer.class).one();
      if (n > 0) {
        throw Faults.conflict("IpAddressInUse", "Unable to complete operation for network "
            + networkId + ". The IP address " + ip + " is in use.");
      }
    }
    Map<String, Object> fixed = new LinkedHashMap<>();
    fixed.put("subnet_id", subnetId);
    fixed.put("ip_address", ip);
    return fixed;
  }

  /** Writes the allocations of a port; losing a race for an address runs the transaction again. */
  private static void persist(Handle h, String portId, String networkId, List<Map<String, Object>> fixedIps) {
    if (fixedIps.isEmpty()) {
      return;
    }
    // One statement, one row per address.
    StringJoiner rows = new StringJoiner(", ");
    List<Object> params = new ArrayList<>();
    for (Map<String, Object> f : fixedIps) {
      rows.add("(?, ?, ?, ?)");
      params.addAll(Arrays.asList(f.get("subnet_id"), f.get("ip_address"), networkId, portId));
    }
    WriteBehind.write(h, e -> Database.isDuplicateKey(e)
            ? new Database.RetryRequest("an address of port " + portId + " was taken concurrently") : null,
        "INSERT INTO ipallocations (subnet_id, ip_address, network_id, port_id) VALUES " + rows,
        params.toArray());
  }

  private static List<Map<String, Object>> normalizePairs(Object pairs, String portMac) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> p : asList(pairs)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ip_address", p.get("ip_address"));
      m.put("mac_address", p.get("mac_address") != null
          ? p.get("mac_address").toString().toLowerCase() : portMac);
      out.add(m);
    }
    return out;
  }

  private static List<Map<String, Object>> normalizeDhcpOpts(Object opts) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> o : asList(opts)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("opt_name", o.get("opt_name"));
      m.put("opt_value", o.get("opt_value"));
      Object v = o.get("ip_version");
      m.put("ip_version", v == null ? 4 : Integer.valueOf(v.toString()));
      out.add(m);
    }
    return out;
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String id) {
    return db.read(h -> {
      Map<String, Object> port = readWithView(h, id, CoreTables.PORTS.findRead(id))
          .orElseThrow(() -> notFound(id)).view();
      if (!visible(h, ctx, port)) {
        throw notFound(id);
      }
      return port;
    });
  }

  /** A port's row as read, and its view: the port as shown. */
  private record Read(Map<String, Object> row, Map<String, Object> view) {}

  /**
   * The port's row (read by {@code rowRead}), its tags and what the extenders that state their
   * read (ML2's binding and extension drivers, the security groups) show of it all key on the id:
   * one round trip to a database server, not one each. Extenders that read otherwise are asked
   * after, as decorate() asks them. Empty when there is no such port.
   */
  private Optional<Read> readWithView(Handle h, String id, Callbacks.SideRead<Map<String, Object>> rowRead) {
    List<Callbacks.SideRead<?>> sides = events.sideReads(id);
    List<Callbacks.SideRead<?>> reads = new ArrayList<>(sides.size() + 2);
    reads.add(rowRead);
    reads.add(tags.read(id));
    reads.addAll(sides);
    List<List<?>> rows = db.selectTogether(h, reads);
    if (rows.get(0).isEmpty()) {
      return Optional.empty();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> row = (Map<String, Object>) rows.get(0).get(0);
    Map<String, Object> view = new LinkedHashMap<>(row);
    @SuppressWarnings("unchecked")
    List<String> tagsOfRow = (List<String>) rows.get(1);
    coreAttributes(view, tagsOfRow);
    events.extendOne(view, sides, rows.subList(2, rows.size()), h);
    return Optional.of(new Read(row, view));
  }

  /**
   * The port locked until the transaction ends (writers of the same port queue up) and, read in
   * the same round trip after the lock, its view.
   */
  private Read lockWithView(Handle h, String id) {
    return readWithView(h, id, CoreTables.PORTS.findForUpdateRead(id)).orElseThrow(() -> notFound(id));
  }

  /**
   * The API's checks ({@code precheck}, null when a plugin changes the port) on the port as a show
   * gives it to {@code ctx}: one the caller may not see does not exist.
   */
  private static void prechecked(Handle h, RequestContext ctx, Map<String, Object> view, Precheck precheck) {
    if (precheck == null) {
      return;
    }
    if (!visible(h, ctx, view)) {
      throw notFound((String) view.get("id"));
    }
    precheck.check(view);
  }

  private static boolean visible(Handle h, RequestContext ctx, Map<String, Object> row) {
    if (Access.owns(ctx, row)) {
      return true;
    }
    return CoreTables.NETWORKS.find(h, (String) row.get("network_id"))
        .map(n -> Objects.equals(n.get("project_id"), ctx.projectId())).orElse(false);
  }

  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery q) {
    List<Map<String, Object>> out = new ArrayList<>();
    list(ctx, q, out::addAll);
    return out;
  }

  /**
   * In pieces: a page of ports at a time, each read on a connection given back before the page is
   * handed on (the API layer writes it out to the client meanwhile).
   */
  @Override
  public void list(RequestContext ctx, ListQuery q, Consumer<List<Map<String, Object>>> pieces) {
    Where w = new Where();
    if (!ctx.isAdmin()) {
      w.add("(ports.project_id = ? OR ports.network_id IN (SELECT id FROM networks WHERE project_id = ?))",
          List.of(ctx.projectId(), ctx.projectId()));
    }
    tags.filter(w, "ports", q.filters());
    Set<String> handled = new HashSet<>(Tags.FILTERS);
    List<Object> fixedIps = q.filters().get("fixed_ips");
    if (fixedIps != null) {
      handled.add("fixed_ips");
      fixedIpsFilter(w, fixedIps);
    }
    List<Object> substr = q.filters().get("ip_address_substr");
    if (substr != null) {
      handled.add("ip_address_substr");
      for (Object s : substr) {
        w.add("ports.id IN (SELECT port_id FROM ipallocations WHERE ip_address LIKE ?)",
            List.of("%" + s + "%"));
      }
    }
    Resources.Pages pages = Resources.pages(CoreTables.PORTS, q, w, handled);
    while (true) {
      List<Map<String, Object>> page = db.read(h -> pages.next(h, rows -> decorate(h, rows)));
      if (page == null) {
        return;
      }
      if (!page.isEmpty()) {
        pieces.accept(page);
      }
    }
  }

  /** {@code fixed_ips=ip_address=X}, {@code fixed_ips=subnet_id=Y} (and both in one value). */
  private static void fixedIpsFilter(Where w, List<Object> values) {
    List<Object> ips = new ArrayList<>();
    List<Object> subnets = new ArrayList<>();
    List<Object> substrings = new ArrayList<>();
    for (Object v : values) {
      for (String part : v.toString().split("[,&]")) {
        String[] kv = part.split("=", 2);
        if (kv.length != 2) {
          throw Faults.badRequest("Invalid fixed_ips filter '" + v + "'");
        }
        switch (kv[0].trim()) {
          case "ip_address" -> ips.add(IpAddresses.isValid(kv[1].trim()) ? IpAddresses.canonical(kv[1].trim()) : kv[1].trim());
          case "subnet_id" -> subnets.add(kv[1].trim());
          case "ip_address_substr" -> substrings.add(kv[1].trim());
          default -> throw Faults.badRequest("Invalid fixed_ips filter '" + v + "'");
        }
      }
    }
    if (!ips.isEmpty()) {
      w.add("ports.id IN (SELECT port_id FROM ipallocations WHERE ip_address IN ("
          + Batches.marks(ips.size()) + "))", ips);
    }
    if (!subnets.isEmpty()) {
      w.add("ports.id IN (SELECT port_id FROM ipallocations WHERE subnet_id IN ("
          + Batches.marks(subnets.size()) + "))", subnets);
    }
    for (Object s : substrings) {
      w.add("ports.id IN (SELECT port_id FROM ipallocations WHERE ip_address LIKE ?)", List.of("%" + s + "%"));
    }
  }

  /** What the core shows of a port beyond its row, whichever way it was read. */
  private static void coreAttributes(Map<String, Object> row, List<String> tagsOfRow) {
    Resources.standardAttributes(row);
    row.put("tags", tagsOfRow);
    row.put("ip_allocation", "immediate");
  }

  /**
   * Adds the core's attributes and the extenders' to port rows: the tags and the reads of the
   * extenders that state theirs go together, one round trip to a database server per page.
   */
  private List<Map<String, Object>> decorate(Handle h, List<Map<String, Object>> rows) {
    if (rows.isEmpty()) {
      return rows;
    }
    Map<Object, List<String>> tagsById = new HashMap<>();
    List<Callbacks.PageRead> reads = new ArrayList<>();
    reads.add(tags.pageRead(rows, tagsById::putAll));
    reads.add(Callbacks.PageRead.step(tx -> {
      for (Map<String, Object> row : rows) {
        coreAttributes(row, tagsById.getOrDefault(row.get("id"), List.of()));
      }
    }));
    reads.addAll(events.pageReads(rows));
    db.readPages(h, reads);
    return rows;
  }

  /**
   * The view of a port this transaction has just inserted, from the row as written: it has no
   * tags yet (tags are added to existing resources only), and the extenders whose
   * PRECOMMIT_CREATE subscribers put their attributes on it need not read them back.
   */
  private Map<String, Object> decorateWritten(Handle h, Map<String, Object> row,
      Map<String, Object> written) {
    Resources.standardAttributes(row);
    row.put("tags", new ArrayList<>());
    row.put("ip_allocation", "immediate");
    events.extendWritten(new ArrayList<>(List.of(row)), List.of(written), h);
    return row;
  }

  @Override
  public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    return checkedUpdate(ctx, id, changes, null);
  }

  /** The API's checks run on the port as this transaction locks it: no show beforehand. */
  @Override
  public Map<String, Object> checkedUpdate(RequestContext ctx, String id, Map<String, Object> changes,
      Precheck precheck) {
    Change change = db.tx(h -> {
      // The original is built even when no driver wants it: AFTER_UPDATE carries it, and the
      // agents' notifications need the old state (security_groups_member_updated names the groups
      // a port left too).
      Read locked = lockWithView(h, id);
      prechecked(h, ctx, locked.view(), precheck);
      Map<String, Object> row = locked.row();
      Map<String, Object> original = locked.view();
      String networkId = (String) row.get("network_id");
      Map<String, Object> set = new LinkedHashMap<>(changes);
      String mac = (String) row.get("mac_address");
      if (changes.containsKey("mac_address") && !Objects.equals(changes.get("mac_address"), mac)) {
        mac = (String) changes.get("mac_address");
        checkMacFree(h, networkId, mac);
      }
      if (changes.containsKey("fixed_ips")) {
        set.put("fixed_ips", changeFixedIps(h, row, asList(changes.get("fixed_ips")), mac));
      }
      if (changes.containsKey("allowed_address_pairs")) {
        set.put("allowed_address_pairs", normalizePairs(changes.get("allowed_address_pairs"), mac));
      }
      if (changes.containsKey("extra_dhcp_opts")) {
        set.put("extra_dhcp_opts", mergeDhcpOpts(row.get("extra_dhcp_opts"), changes.get("extra_dhcp_opts")));
      }
      try {
        CoreTables.PORTS.update(h, id, set, Resources.now());
      } catch (RuntimeException e) {
        if (Database.isDuplicateKey(e)) {
          throw new Database.RetryRequest("MAC taken concurrently");
        }
        throw e;
      }
      // Subscribers get the locked row with what its view adds (the extension drivers' attributes,
      // groups, binding): the port as it was, as Neutron's original_port, without reading it again.
      Map<String, Object> before = new LinkedHashMap<>(row);
      original.forEach(before::putIfAbsent);
      events.publish(Event.PRECOMMIT_UPDATE, h, ctx, id, before, set, changes);
      return precommit(h, Op.UPDATE, ctx, id, original, null, changes);
    });
    drivers.postcommit(change);
    // As a create does: the drivers' view, read in the transaction and kept current by drivers
    // that change the port after the commit (ML2 binding it), is the answer; no second read.
    Map<String, Object> updated = change.current() != null ? change.current() : get(ctx, id);
    events.publish(Event.AFTER_UPDATE, null, ctx, id, change.original(), updated, changes);
    return updated;
  }

  /** Keeps the allocations still wanted, releases the others, allocates the new ones. */
  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> changeFixedIps(Handle h, Map<String, Object> row,
      List<Map<String, Object>> wanted, String mac) {
    String portId = (String) row.get("id");
    List<Map<String, Object>> current = (List<Map<String, Object>>) row.get("fixed_ips");
    List<Map<String, Object>> kept = new ArrayList<>();
    List<Map<String, Object>> toAdd = new ArrayList<>();
    Set<Map<String, Object>> matched = new HashSet<>();
    for (Map<String, Object> w : wanted) {
      String ip = w.get("ip_address") == null ? null
          : IpAddresses.isValid((String) w.get("ip_address")) ? IpAddresses.canonical((String) w.get("ip_address"))
          : (String) w.get("ip_address");
      Map<String, Object> hit = null;
      for (Map<String, Object> c : current) {
        if (matched.contains(c)) {
          continue;
        }
        boolean sameIp = ip != null && ip.equals(c.get("ip_address"))
            && (w.get("subnet_id") == null || w.get("subnet_id").equals(c.get("subnet_id")));
        boolean sameSubnetOnly = ip == null && w.get("subnet_id") != null && w.get("subnet_id").equals(c.get("subnet_id"));
        if (sameIp || sameSubnetOnly) {
          hit = c;
          break;
        }
      }
      if (hit != null) {
        matched.add(hit);
        kept.add(hit);
      } else {
        toAdd.add(w);
      }
    }
    for (Map<String, Object> c : current) {
      if (!matched.contains(c)) {
        h.execute("DELETE FROM ipallocations WHERE subnet_id = ? AND ip_address = ?",
            c.get("subnet_id"), c.get("ip_address"));
      }
    }
    List<Map<String, Object>> added = toAdd.isEmpty() ? List.of()
        : allocate(h, (String) row.get("network_id"),
            CoreTables.SUBNETS.findWhere(h, "network_id", row.get("network_id")),
            (String) row.get("device_owner"), mac, toAdd);
    persist(h, portId, (String) row.get("network_id"), added);
    List<Map<String, Object>> out = new ArrayList<>(kept);
    out.addAll(added);
    return out;
  }

  /** extra_dhcp_opts on update: given options replace same-named ones; a null value removes one. */
  private static List<Map<String, Object>> mergeDhcpOpts(Object current, Object changes) {
    Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
    for (Map<String, Object> o : asList(current)) {
      byKey.put(o.get("opt_name") + "/" + o.get("ip_version"), o);
    }
    for (Map<String, Object> o : normalizeDhcpOpts(changes)) {
      String key = o.get("opt_name") + "/" + o.get("ip_version");
      if (o.get("opt_value") == null) {
        byKey.remove(key);
      } else {
        byKey.put(key, o);
      }
    }
    return new ArrayList<>(byKey.values());
  }

  @Override
  public void delete(RequestContext ctx, String id) {
    checkedDelete(ctx, id, null);
  }

  /** As for update: the API's checks run on the port as this transaction locks it. */
  @Override
  public void checkedDelete(RequestContext ctx, String id, Precheck precheck) {
    if (precheck != null && events.hasSubscribers(Event.BEFORE_DELETE)) {
      // Those subscribers (the trunk plugin) refuse with what they know of the port: only a
      // caller who passed the API's checks may hear it. Checked on a show, as by default.
      precheck.check(get(ctx, id));
      checkedDelete(ctx, id, null);
      return;
    }
    events.publish(Event.BEFORE_DELETE, null, ctx, id, null, null, null);
    List<Map<String, Object>> deleted = new ArrayList<>(1);
    Change change = db.tx(h -> {
      Map<String, Object> row;
      Map<String, Object> view = null;
      if (precheck != null || drivers.wants("port")) {
        Read locked = lockWithView(h, id);
        prechecked(h, ctx, locked.view(), precheck);
        row = locked.row();
        view = locked.view();
      } else {
        row = CoreTables.PORTS.findForUpdate(h, id).orElseThrow(() -> notFound(id));
      }
      events.publish(Event.PRECOMMIT_DELETE, h, ctx, id, row, null, null);
      Change deleting = new Change("port", Op.DELETE, ctx, id, null, view, null);
      drivers.precommit(deleting, h);
      // The row is locked: nothing to count. The three travel with the COMMIT.
      WriteBehind.write(h, WriteBehind.OnFailure.NONE, "DELETE FROM ipallocations WHERE port_id = ?", id);
      tags.deleteAll(h, id);
      CoreTables.PORTS.deleteLocked(h, id);
      deleted.clear();
      deleted.add(row);
      return deleting;
    });
    drivers.postcommit(change);
    events.publish(Event.AFTER_DELETE, null, ctx, id, deleted.get(0), null, null);
  }

  /**
   * A new SLAAC/stateless subnet gives every port of its network an EUI-64 address, except router
   * ports (Neutron's _add_auto_addrs_on_network_ports).
   */
  @SuppressWarnings("unchecked")
  static void addAutoAddresses(Handle h, Map<String, Object> subnet) {
    String networkId = (String) subnet.get("network_id");
    // Locked: a port deleted (or its fixed_ips changed) concurrently would otherwise get an
    // address row for a port that is gone (a foreign key violation, a 500) or lose the change.
    for (Map<String, Object> port : CoreTables.PORTS.findWhereForUpdate(h, "network_id", networkId)) {
      if (isRouterOwner((String) port.get("device_owner"))) {
        continue;
      }
      String ip = Eui64.address((String) subnet.get("cidr"), (String) port.get("mac_address"));
      Map<String, Object> fixed = new LinkedHashMap<>();
      fixed.put("subnet_id", subnet.get("id"));
      fixed.put("ip_address", ip);
      persist(h, (String) port.get("id"), networkId, List.of(fixed));
      List<Map<String, Object>> all = new ArrayList<>((List<Map<String, Object>>) port.get("fixed_ips"));
      all.add(fixed);
      CoreTables.PORTS.update(h, (String) port.get("id"), Map.of("fixed_ips", all), Resources.now());
    }
  }

  /** Removes a deleted subnet's addresses from a port's shown fixed_ips (DHCP ports). */
  @SuppressWarnings("unchecked")
  static void dropFixedIpsOfSubnet(Handle h, String portId, String subnetId) {
    CoreTables.PORTS.find(h, portId).ifPresent(p -> {
      List<Map<String, Object>> kept = new ArrayList<>();
      for (Map<String, Object> f : (List<Map<String, Object>>) p.get("fixed_ips")) {
        if (!subnetId.equals(f.get("subnet_id"))) {
          kept.add(f);
        }
      }
      CoreTables.PORTS.update(h, portId, Map.of("fixed_ips", kept), Resources.now());
    });
  }

}
