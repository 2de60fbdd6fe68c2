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
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.Where;
import io.neutrino.server.db.WriteBehind;
import io.neutrino.lib.spi.ml2.NetworkSegment;
import io.neutrino.lib.spi.ml2.ProviderSegment;
import io.neutrino.server.core.ResourceDrivers.Change;
import io.neutrino.server.core.ResourceDrivers.Op;
import io.neutrino.server.ml2.TypeManager;
import io.neutrino.server.rbac.RbacType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * networks, as ML2 serves them: a segment for every network (allocated for project networks,
 * validated and reserved for provider ones), MTU from the segments, and the checks Neutron makes
 * before deleting (no ports but the DHCP ones).
 */
public final class NetworkResource implements ResourceHandler {
  private static final String DHCP_OWNER = "network:dhcp";
  private static final Set<String> PROVIDER =
      Set.of("provider:network_type", "provider:physical_network", "provider:segmentation_id");

  /**
   * Networks as rbac-policies objects (NetworkRBAC, networkrbacs): shared with a project or all,
   * or external for them; the flags shared and router:external mirror the '*' entries. A sharing
   * entry is needed while the project has ports on the network (the owner's own ports, and ports
   * of no project, such as routers', do not count: ensure_no_tenant_ports_on_network).
   */
  public static final RbacType RBAC = RbacType.builder("network", "networkrbacs", "networks")
      .actions(RbacType.SHARED, RbacType.EXTERNAL)
      .visibleThrough(RbacType.SHARED, RbacType.EXTERNAL)
      .mirror(RbacType.SHARED, "shared")
      .mirror(RbacType.EXTERNAL, "router_external")
      .revisesObject()
      .notFound(NetworkResource::notFound)
      .boundProjects((h, network) -> new java.util.HashSet<>(h.createQuery("SELECT DISTINCT project_id "
              + "FROM ports WHERE network_id = ? AND project_id <> ? AND project_id <> ?")
          .bind(0, network.get("id")).bind(1, String.valueOf(network.get("project_id"))).bind(2, "")
          .mapTo(String.class).list()))
      .build();

  private final Database db;
  private final TypeManager types;
  private final Tags tags;
  private final Lifecycle events;
  private final ResourceDrivers drivers;
  /** The other core collections by name ("ports", "subnets"): a network delete empties it through them. */
  private final Function<String, ResourceHandler> collections;

  public NetworkResource(Database db, TypeManager types, Tags tags, Callbacks callbacks,
      ResourceDrivers drivers, Function<String, ResourceHandler> collections) {
    this.db = db;
    this.types = types;
    this.tags = tags;
    this.events = new Lifecycle(callbacks, "network");
    this.drivers = drivers;
    this.collections = collections;
  }

  public static NeutronException notFound(String id) {
    return Faults.notFound("Network", id);
  }

  @Override
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> res) {
    String id = Uuids.randomString();
    events.publish(Event.BEFORE_CREATE, null, ctx, id, null, res, res);
    Change change = db.tx(h -> precommit(h, Op.CREATE, ctx, id, null, insert(h, ctx, id, res), res));
    drivers.postcommitCreate(change, () -> delete(RequestContext.admin(ctx.requestId()), id));
    Map<String, Object> created = answer(ctx, change);
    events.publish(Event.AFTER_CREATE, null, ctx, id, null, created, res);
    return created;
  }

  /**
   * What a create answers: the view of the new network made in its transaction from what it
   * wrote, as ports do (no second read after the commit); read anew only when none was made.
   * The view is an admin's, which for a network nobody could share yet is also its creator's.
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
        done.add(precommit(h, Op.CREATE, ctx, id, null, insert(h, ctx, id, res), res));
      }
      return done;
    });
    drivers.postcommitCreateAll(changes, id -> delete(RequestContext.admin(ctx.requestId()), id));
    List<Map<String, Object>> out = new ArrayList<>();
    for (Change c : changes) {
      out.add(answer(ctx, c));
    }
    return out;
  }

  /**
   * Runs the drivers' precommit on the network as it now is in the transaction; {@code written}
   * is what a create just inserted (null otherwise), from which its view is built without a read.
   */
  private Change precommit(Handle h, Op op, RequestContext ctx, String id, Map<String, Object> original,
      Written written, Map<String, Object> request) {
    // A create's view costs no read (it is what was written), so it is made whether or not a
    // driver looks: it is also the create's answer, without a read after the commit.
    Map<String, Object> current = written == null ? null : viewWritten(h, written);
    if (current == null && drivers.wants("network")) {
      current = view(h, id);
    }
    Change change = new Change("network", op, ctx, id, original, current, request);
    if (written != null) {
      change.state().put(ResourceDrivers.WRITTEN_SEGMENTS, written.segments());
    }
    drivers.precommit(change, h);
    return change;
  }

  /** The network as an admin sees it, read in the open transaction. */
  private Map<String, Object> view(Handle h, String id) {
    Map<String, Object> row = CoreTables.NETWORKS.find(h, id).orElseThrow(() -> notFound(id));
    return decorate(h, RequestContext.admin(null), List.of(row)).get(0);
  }

  /** What a create wrote: the network's row as its PRECOMMIT_CREATE subscribers saw it, and its segments. */
  private record Written(Map<String, Object> row, List<NetworkSegment> segments) {}

  /**
   * The view of a network this transaction has just inserted, from what it wrote: a network in its
   * own create has no subnets or tags, its RBAC entries are those its shared and router:external
   * flags made (an admin's view shows them as those flags), and the extenders know what they show
   * (Callbacks.DictExtender#extendWritten). Null when the row as written lacks a column.
   */
  private Map<String, Object> viewWritten(Handle h, Written written) {
    return CoreTables.NETWORKS.asRead(written.row()).map(row -> {
      present(row, List.of(), written.segments().stream().map(NetworkSegment::provider).toList(), new ArrayList<>());
      events.extendWritten(new ArrayList<>(List.of(row)), List.of(written.row()), h);
      return row;
    }).orElse(null);
  }

  private Written insert(Handle h, RequestContext ctx, String id, Map<String, Object> res) {
    List<ProviderSegment> segments = new ArrayList<>();
    List<ProviderSegment> requested = MultiProvider.requestedSegments(res);
    if (!requested.isEmpty()) {
      requested.forEach(types::validateProvider);
      MultiProvider.checkDuplicates(requested, types::isPartial);
      for (ProviderSegment s : requested) {
        segments.add(types.reserveProvider(h, s));
      }
    } else if (PROVIDER.stream().anyMatch(res::containsKey)) {
      if (res.get("provider:network_type") == null) {
        throw Faults.invalidInput("network_type required"); // _process_provider_segment
      }
      ProviderSegment s = types.validateProvider(new ProviderSegment((String) res.get("provider:network_type"),
          (String) res.get("provider:physical_network"), (Integer) res.get("provider:segmentation_id")));
      segments.add(types.reserveProvider(h, s));
    } else if (Boolean.TRUE.equals(res.get("router:external"))
        && types.config().externalNetworkType() != null) {
      segments.add(types.allocateExternalSegment(h));
    } else {
      segments.add(types.allocateTenantSegment(h));
    }
    int maxMtu = types.mtu(segments);
    Integer mtu = checkedMtu((Integer) res.get("mtu"), maxMtu);
    Instant now = Resources.now();
    Map<String, Object> row = new LinkedHashMap<>(res);
    row.put("id", id);
    row.put("created_at", now);
    row.put("updated_at", now);
    row.put("revision_number", 1L);
    row.put("status", "ACTIVE");
    row.put("mtu", mtu);
    row.putIfAbsent("router:external", false);
    // The network's rows are sent with the transaction's next statement (WriteBehind): nothing
    // reads them before, and a failure surfaces there as it would here.
    CoreTables.NETWORKS.insertLater(h, row, WriteBehind.OnFailure.NONE);
    Map<String, Object> object = rbacObject(id, row.get("project_id"));
    if (Boolean.TRUE.equals(row.get("shared"))) {
      RBAC.insertWithObject(h, object, RbacType.SHARED);
    }
    if (Boolean.TRUE.equals(row.get("router:external"))) {
      RBAC.insertWithObject(h, object, RbacType.EXTERNAL);
    }
    List<NetworkSegment> stored = new ArrayList<>(segments.size());
    for (int i = 0; i < segments.size(); i++) {
      ProviderSegment s = segments.get(i);
      NetworkSegment segment = new NetworkSegment(Uuids.randomString(), id, s.networkType(), s.physicalNetwork(),
          s.segmentationId());
      WriteBehind.write(h, WriteBehind.OnFailure.NONE, "INSERT INTO network_segments (id, network_id, network_type, "
          + "physical_network, segmentation_id, segment_index) VALUES (?, ?, ?, ?, ?, ?)",
          segment.id(), id, segment.networkType(), segment.physicalNetwork(), segment.segmentationId(), i);
      stored.add(segment);
    }
    events.publish(Event.PRECOMMIT_CREATE, h, ctx, id, null, row, res);
    return new Written(row, List.copyOf(stored));
  }

  /**
   * The MTU a network gets for a requested one (net-mtu-writable, _get_network_mtu): the largest
   * its segments allow when none or 0 is asked, 400 when more is asked.
   */
  private static int checkedMtu(Integer requested, int max) {
    if (requested == null || requested == 0) {
      return max;
    }
    if (max > 0 && requested > max) {
      throw Faults.invalidInput("Requested MTU is too big, maximum is " + max);
    }
    return requested;
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String id) {
    return db.read(h -> {
      Map<String, Object> row = CoreTables.NETWORKS.find(h, id).orElseThrow(() -> notFound(id));
      if (!visible(h, ctx, row)) {
        throw notFound(id);
      }
      return decorate(h, ctx, List.of(row)).get(0);
    });
  }

  /** The id and project of a network, as {@link RbacType} takes objects. */
  private static Map<String, Object> rbacObject(String id, Object project) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", id);
    o.put("project_id", project);
    return o;
  }

  /**
   * Whether the caller may see a network: its own, or shared or external with its project or all
   * (rbac-policies). One rule, used by every resource that hangs off a network.
   */
  static boolean visible(Handle h, RequestContext ctx, Map<String, Object> row) {
    return RBAC.visible(h, ctx, row);
  }

  /** Whether the caller may attach ports: its own network, shared with everyone or with it. */
  static boolean usable(Handle h, RequestContext ctx, Map<String, Object> row) {
    return RBAC.usable(h, ctx, row);
  }

  /** SQL for what a caller may see: the same rule as {@link #visible}. */
  static Where visibility(RequestContext ctx) {
    return RBAC.visibility(ctx, "networks");
  }

  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery q) {
    return db.read(h -> {
      Where w = visibility(ctx);
      tags.filter(w, "networks", q.filters());
      Set<String> handled = new java.util.HashSet<>(Tags.FILTERS);
      handled.addAll(List.of("subnets", "shared"));
      if (q.filters().containsKey("shared")) {
        RBAC.filterShared(w, ctx, "networks.id", q.filters().get("shared"));
      }
      if (q.filters().containsKey("subnets")) {
        w.add("networks.id IN (SELECT network_id FROM subnets WHERE id IN ("
            + String.join(", ", java.util.Collections.nCopies(q.filters().get("subnets").size(), "?"))
            + "))", q.filters().get("subnets"));
      }
      for (String p : PROVIDER) {
        if (q.filters().containsKey(p)) {
          String col = p.substring("provider:".length());
          List<Object> values = q.filters().get(p);
          w.add("networks.id IN (SELECT network_id FROM network_segments WHERE is_dynamic = FALSE AND " + col + " IN ("
              + String.join(", ", java.util.Collections.nCopies(values.size(), "?")) + "))", values);
          handled.add(p);
        }
      }
      return Resources.list(h, CoreTables.NETWORKS, q, w, handled, rows -> decorate(h, ctx, rows));
    });
  }

  /**
   * Adds subnets, segments, tags and the computed attributes to network rows, and the extenders'
   * attributes: the reads of the core and of the extenders that state theirs go together, one
   * round trip to a database server per page.
   */
  List<Map<String, Object>> decorate(Handle h, RequestContext ctx, List<Map<String, Object>> rows) {
    if (rows.isEmpty()) {
      return rows;
    }
    List<Object> ids = Resources.ids(rows);
    Map<Object, List<String>> subnets = new HashMap<>();
    Map<Object, List<ProviderSegment>> segments = new HashMap<>();
    Map<Object, List<String>> tagsById = new HashMap<>();
    Set<String> sharedWithCaller = new HashSet<>();
    List<Callbacks.PageRead> reads = new ArrayList<>();
    reads.add(Batches.stated("SELECT network_id, id FROM subnets WHERE", List.of(), "network_id", ids,
            "network_id, id", rs -> Map.entry(rs.getString(1), rs.getString(2)), Map.Entry::getKey)
        .grouped(Map.Entry::getValue, subnets::putAll));
    reads.add(Batches.stated("SELECT network_id, network_type, physical_network, segmentation_id "
            + "FROM network_segments WHERE is_dynamic = FALSE AND", List.of(), "network_id", ids,
            "network_id, segment_index", rs -> {
              int number = rs.getInt(4);
              Integer segmentationId = rs.wasNull() ? null : number;
              return Map.entry(rs.getString(1), new ProviderSegment(rs.getString(2), rs.getString(3),
                  segmentationId));
            }, Map.Entry::getKey)
        .grouped(Map.Entry::getValue, segments::putAll));
    reads.add(tags.pageRead(rows, tagsById::putAll));
    reads.add(RBAC.sharedWith(ctx.projectId(), ids, sharedWithCaller::addAll));
    reads.add(Callbacks.PageRead.step(tx -> {
      for (Map<String, Object> row : rows) {
        if (sharedWithCaller.contains(row.get("id"))) {
          row.put("shared", true); // shared with the caller's project by an RBAC policy
        }
        Object id = row.get("id");
        present(row, subnets.getOrDefault(id, List.of()), segments.getOrDefault(id, List.of()),
            tagsById.getOrDefault(id, List.of()));
      }
    }));
    reads.addAll(events.pageReads(rows));
    db.readPages(h, reads);
    return rows;
  }

  /** What the core shows of a network beyond its row, given its subnets, segments and tags. */
  private static void present(Map<String, Object> row, List<String> subnets, List<ProviderSegment> segs,
      List<String> tagsOfRow) {
    Resources.standardAttributes(row);
    row.put("subnets", subnets);
    if (segs.isEmpty()) {
      row.putAll(TypeManager.asProvider(new ProviderSegment(null, null, null)));
    } else if (segs.size() == 1) {
      row.putAll(TypeManager.asProvider(segs.get(0)));
    } else {
      List<Map<String, Object>> list = new ArrayList<>();
      segs.forEach(s -> list.add(TypeManager.asProvider(s)));
      row.put("segments", list);
    }
    row.put("availability_zones", List.of());
    row.put("ipv4_address_scope", null);
    row.put("ipv6_address_scope", null);
    row.put("l2_adjacency", true);
    row.put("tags", tagsOfRow);
  }

  @Override
  public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    Change change = db.tx(h -> {
      Map<String, Object> row = CoreTables.NETWORKS.findForUpdate(h, id).orElseThrow(() -> notFound(id));
      Map<String, Object> current = decorate(h, RequestContext.admin(ctx.requestId()),
          List.of(new LinkedHashMap<>(row))).get(0);
      updateProvider(h, id, current, changes);
      Map<String, Object> set = new LinkedHashMap<>(changes);
      if (changes.get("mtu") != null) {
        set.put("mtu", checkedMtu((Integer) changes.get("mtu"), types.mtu(segments(h, id))));
      }
      PROVIDER.forEach(set::remove);
      set.remove("segments"); // ignored on update, as ML2 ignores it
      if (changes.containsKey("shared") && !changes.get("shared").equals(row.get("shared"))
          && !RBAC.setWildcard(h, row, RbacType.SHARED, (Boolean) changes.get("shared"))) {
        throw Faults.conflict("InvalidSharedSetting", "Unable to reconfigure sharing settings for "
            + "network " + id + ". Multiple tenants are using it.");
      }
      if (changes.containsKey("router:external")
          && !Objects.equals(changes.get("router:external"), row.get("router:external"))) {
        RBAC.setWildcard(h, row, RbacType.EXTERNAL, (Boolean) changes.get("router:external"));
      }
      CoreTables.NETWORKS.update(h, id, set, Resources.now());
      events.publish(Event.PRECOMMIT_UPDATE, h, ctx, id, current, set, changes);
      return precommit(h, Op.UPDATE, ctx, id, current, null, changes);
    });
    drivers.postcommit(change);
    Map<String, Object> updated = get(ctx, id);
    events.publish(Event.AFTER_UPDATE, null, ctx, id, null, updated, changes);
    return updated;
  }

  /**
   * Provider attributes on update (ML2's _update_provider_network_attributes): the network type and
   * physical network never change. The segmentation id of a network of one vlan segment may, while
   * no port on it is bound with a vif type that would not follow (its drivers say which do): the
   * new id is reserved, the segment changed and the old id released. The same id again is no change.
   */
  private void updateProvider(Handle h, String id, Map<String, Object> current, Map<String, Object> changes) {
    for (String p : List.of("provider:network_type", "provider:physical_network")) {
      if (changes.get(p) != null && !changes.get(p).equals(current.get(p))) {
        throw Faults.invalidInput("Plugin does not support updating the following provider network attributes: "
            + "provider:network_type, provider:physical_network");
      }
    }
    Integer wanted = (Integer) changes.get("provider:segmentation_id");
    if (wanted == null || wanted == 0 || wanted.equals(current.get("provider:segmentation_id"))) {
      return;
    }
    record Stored(String id, ProviderSegment segment) {}
    List<Stored> stored = h.createQuery("SELECT id, network_type, physical_network, segmentation_id FROM "
            + "network_segments WHERE network_id = ? AND is_dynamic = FALSE ORDER BY segment_index").bind(0, id)
        .map((rs, c) -> new Stored(rs.getString(1), new ProviderSegment(rs.getString(2), rs.getString(3),
            rs.getObject(4) == null ? null : rs.getInt(4))))
        .list();
    if (stored.size() != 1) {
      throw Faults.invalidInput("Provider network attributes can be updated only in provider networks with a "
          + "single segment.");
    }
    List<String> following = List.copyOf(drivers.vifTypesAllowingSegmentationIdUpdate());
    var count = h.createQuery("SELECT COUNT(*) FROM ports p JOIN ml2_port_bindings b ON b.port_id = p.id "
        + "WHERE p.network_id = ? AND b.vif_type NOT IN ("
        + String.join(", ", java.util.Collections.nCopies(following.size(), "?")) + ")").bind(0, id);
    for (int i = 0; i < following.size(); i++) {
      count.bind(i + 1, following.get(i));
    }
    int stuck = count.mapTo(Integer.class).one();
    if (stuck > 0) {
      throw Faults.invalidInput("Provider network attribute provider:segmentation_id cannot be updated if any "
          + "port in the network has not the following binding:vif_type: " + String.join(", ", following));
    }
    ProviderSegment was = stored.get(0).segment();
    if (!ProviderSegment.VLAN.equals(was.networkType())) {
      throw Faults.invalidInput("Only VLAN type networks can be updated.");
    }
    ProviderSegment next = types.validateProvider(new ProviderSegment(was.networkType(), was.physicalNetwork(), wanted));
    types.reserveProvider(h, next);
    h.execute("UPDATE network_segments SET segmentation_id = ? WHERE id = ?", wanted, stored.get(0).id());
    types.release(h, was);
  }

  @Override
  public void delete(RequestContext ctx, String id) {
    events.publish(Event.BEFORE_DELETE, null, ctx, id, null, null, null);
    deleteContents(ctx, id);
    Change change = db.tx(h -> {
      Map<String, Object> row = CoreTables.NETWORKS.findForUpdate(h, id).orElseThrow(() -> notFound(id));
      events.publish(Event.PRECOMMIT_DELETE, h, ctx, id, row, null, null);
      checkNotInUse(h, id);
      Change deleting = new Change("network", Op.DELETE, ctx, id, null,
          drivers.wants("network") ? view(h, id) : null, null);
      drivers.precommit(deleting, h);
      h.execute("DELETE FROM ports WHERE network_id = ?", id);
      List<String> subnetIds = h.createQuery("SELECT id FROM subnets WHERE network_id = ?").bind(0, id)
          .mapTo(String.class).list();
      for (String sid : subnetIds) {
        tags.deleteAll(h, sid);
      }
      h.execute("DELETE FROM subnets WHERE network_id = ?", id);
      segments(h, id).forEach(s -> types.release(h, s));
      tags.deleteAll(h, id);
      CoreTables.NETWORKS.delete(h, id);
      return deleting;
    });
    drivers.postcommit(change);
    events.publish(Event.AFTER_DELETE, null, ctx, id, null, null, null);
  }

  /** NetworkInUse while the network has ports other than DHCP ones (_ensure_network_not_in_use). */
  private static void checkNotInUse(Handle h, String id) {
    int inUse = h.createQuery("SELECT COUNT(*) FROM ports WHERE network_id = ? AND device_owner <> ?")
        .bind(0, id).bind(1, DHCP_OWNER).mapTo(Integer.class).one();
    if (inUse > 0) {
      throw Faults.conflict("NetworkInUse", "Unable to complete operation on network " + id
          + ". There are one or more ports still in use on the network.");
    }
  }

  /**
   * Empties a network before it goes, as Neutron's delete_network does: refused while it has ports
   * other than DHCP ones; else its DHCP ports, then its subnets, are deleted one at a time through
   * their own collections, so that every mechanism driver's delete_port / delete_subnet hooks and
   * the callbacks run for each (l2population withdraws the DHCP port's forwarding entries). Anything
   * that appears meanwhile goes with the network's own transaction.
   */
  private void deleteContents(RequestContext ctx, String id) {
    record Contents(List<String> dhcpPorts, List<String> subnets) {}
    Contents contents = db.read(h -> {
      CoreTables.NETWORKS.find(h, id).orElseThrow(() -> notFound(id));
      checkNotInUse(h, id);
      return new Contents(
          h.createQuery("SELECT id FROM ports WHERE network_id = ? AND device_owner = ? ORDER BY id")
              .bind(0, id).bind(1, DHCP_OWNER).mapTo(String.class).list(),
          h.createQuery("SELECT id FROM subnets WHERE network_id = ? ORDER BY id").bind(0, id)
              .mapTo(String.class).list());
    });
    RequestContext admin = RequestContext.admin(ctx.requestId());
    for (String port : contents.dhcpPorts()) {
      unlessGone(() -> collections.apply("ports").delete(admin, port));
    }
    for (String subnet : contents.subnets()) {
      unlessGone(() -> collections.apply("subnets").delete(admin, subnet));
    }
  }

  /** Runs a delete; one that finds its resource already gone (404) is done. */
  private static void unlessGone(Runnable delete) {
    try {
      delete.run();
    } catch (NeutronException e) {
      if (e.status() != 404) {
        throw e;
      }
    }
  }

  private static List<ProviderSegment> segments(Handle h, String networkId) {
    return h.createQuery("SELECT network_type, physical_network, segmentation_id FROM network_segments "
        + "WHERE network_id = ? ORDER BY segment_index").bind(0, networkId)
        .map((rs, c) -> new ProviderSegment(rs.getString(1), rs.getString(2),
            rs.getObject(3) == null ? null : rs.getInt(3)))
        .list();
  }

}
