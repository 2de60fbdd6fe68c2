package io.neutrino.server.autoallocate;

import io.neutrino.lib.apidef.AttributeSpec;
import io.neutrino.lib.apidef.AutoAllocatedTopology;
import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.apidef.L3;
import io.neutrino.lib.apidef.Network;
import io.neutrino.lib.apidef.ResourceDef;
import io.neutrino.lib.apidef.Subnet;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.Plugin;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.db.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Neutron's AutoAllocatePlugin ({@code auto_allocate}, a default service plugin;
 * neutron/services/auto_allocate/db.py): {@code GET /v2.0/auto-allocated-topology/{project}}
 * returns the project's auto-allocated network, building it on first use — a network with a
 * subnet from each default subnet pool, uplinked by a router to the default external network —
 * and {@code DELETE} takes it down again. As in Zed, a DELETE first GETs the topology (the API
 * layer fetches what it deletes), so deleting a missing topology provisions one and removes it.
 */
public final class AutoAllocatePlugin implements Plugin, ResourceHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AutoAllocatePlugin.class);

  private final Database db;
  private final PluginContext plugins;

  AutoAllocatePlugin(Database db, Callbacks callbacks, PluginContext plugins) {
    this.db = db;
    this.plugins = plugins;
    DefaultExternalNetwork.register(callbacks);
  }

  @Override
  public Map<String, ResourceHandler> handlers() {
    return Map.of(AutoAllocatedTopology.COLLECTION, this);
  }

  @Override
  public List<ExtensionDef> supportedExtensions() {
    return List.of(AutoAllocatedTopology.extension());
  }

  private static NeutronException failure(String reason) {
    return Faults.conflict("AutoAllocationFailure", "Deployment error: " + reason + ".");
  }

  /** _validate: "None" means the caller's project; only an admin may name another. */
  private static String project(RequestContext ctx, String given) {
    String project = "None".equals(given) ? ctx.projectId() : given;
    if (!ctx.isAdmin() && !project.equals(ctx.projectId())) {
      throw new NeutronException("NotAuthorized", 403, "Not authorized.");
    }
    return project;
  }

  private static Map<String, Object> response(String networkId, String project) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", networkId);
    out.put("tenant_id", project);
    out.put("project_id", project);
    return out;
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String id) {
    return get(ctx, id, Set.of());
  }

  /** {@code fields=} is either {@code dry-run} (answered whole, as Zed does) or refused. */
  @Override
  public boolean appliesFieldsItself() {
    return true;
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String id, Set<String> fields) {
    String project = project(ctx, id);
    if (fields.contains(AutoAllocatedTopology.DRY_RUN)) {
      defaultExternalNetwork();
      if (defaultPools(ctx, project).isEmpty()) {
        throw failure("No default subnetpools defined");
      }
      return response("dry-run=pass", project);
    }
    if (!fields.isEmpty()) {
      throw Faults.badRequestFor("auto_allocate", "Unrecognized field");
    }
    Map<String, Object> existing = topology(project);
    if (existing != null) {
      return response((String) existing.get("network_id"), project);
    }
    String external = defaultExternalNetwork();
    return response(build(ctx, project, external), project);
  }

  private Map<String, Object> topology(String project) {
    return db.read(h -> h.createQuery("SELECT network_id, router_id FROM auto_allocated_topologies "
        + "WHERE project_id = ?").bind(0, project).mapToMap().findFirst().orElse(null));
  }

  private String defaultExternalNetwork() {
    String id = db.read(DefaultExternalNetwork::current);
    if (id == null) {
      throw failure("No default router:external network");
    }
    return id;
  }

  /** get_default_subnetpool for IPv4 and IPv6, as the project sees them. */
  private List<Map<String, Object>> defaultPools(RequestContext ctx, String project) {
    return db.read(h -> h.createQuery("SELECT id, ip_version FROM subnetpools WHERE is_default = ? "
            + "AND (shared = ? OR project_id = ? OR ?) ORDER BY ip_version")
        .bind(0, true).bind(1, true).bind(2, project).bind(3, ctx.isAdmin()).mapToMap().list());
  }

  /** The schema's defaults for what a partial dict leaves out, as the API layer would add them. */
  private static Map<String, Object> withDefaults(ResourceDef def, Map<String, Object> given) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (AttributeSpec a : def.attributes().values()) {
      if (a.allowPost() && a.hasDefault() && a.defaultValue() != AttributeSpec.NOT_SPECIFIED) {
        out.put(a.name(), a.defaultValue());
      }
    }
    out.putAll(given);
    return out;
  }

  private static boolean isInputProblem(NeutronException e) {
    return e.status() == 400 || e.status() == 404 || e.type().equals("SubnetAllocationError");
  }

  private String build(RequestContext ctx, String project, String external) {
    ResourceHandler networks = plugins.handler("networks");
    ResourceHandler subnets = plugins.handler("subnets");
    ResourceHandler routers = plugins.handler(L3.ROUTERS);
    String networkId = null;
    String routerId = null;
    List<String> attached = new ArrayList<>();
    List<String> created = new ArrayList<>();
    try {
      try {
        Map<String, Object> net = networks.create(ctx, withDefaults(Network.definition(), Map.of(
            "name", "auto_allocated_network", "admin_state_up", false, "project_id", project,
            "tenant_id", project, "shared", false)));
        networkId = (String) net.get("id");
        List<Map<String, Object>> pools = defaultPools(ctx, project);
        if (pools.isEmpty()) {
          throw Faults.notFoundWith("NotFound", "No default pools available");
        }
        for (Map<String, Object> pool : pools) {
          int version = ((Number) pool.get("ip_version")).intValue();
          Map<String, Object> subnet = subnets.create(ctx, withDefaults(Subnet.definition(), Map.of(
              "name", "auto_allocated_subnet_v" + version, "network_id", networkId,
              "project_id", project, "tenant_id", project, "ip_version", version,
              "subnetpool_id", pool.get("id"))));
          created.add((String) subnet.get("id"));
        }
      } catch (NeutronException e) {
        if (!isInputProblem(e)) {
          throw e;
        }
        LOG.error("Unable to auto allocate topology for tenant {} due to missing or unmet "
            + "requirements. Reason: {}", project, e.getMessage());
        cleanup(ctx, networkId, null, List.of());
        networkId = null;
        throw failure("Unable to provide tenant private network");
      }
      try {
        Map<String, Object> router = routers.create(ctx, withDefaults(L3.routers(), Map.of(
            "name", "auto_allocated_router", "external_gateway_info", Map.of("network_id", external),
            "project_id", project, "tenant_id", project, "admin_state_up", true)));
        routerId = (String) router.get("id");
        for (String subnet : created) {
          routers.action(ctx, routerId, "add_router_interface", Map.of("subnet_id", subnet));
          attached.add(subnet);
        }
      } catch (NeutronException e) {
        if (e.status() != 400) {
          throw e;
        }
        LOG.error("Unable to auto allocate topology for tenant {} because of router errors. "
            + "Reason: {}", project, e.getMessage());
        cleanup(ctx, networkId, routerId, attached);
        networkId = null;
        routerId = null;
        throw failure("Unable to provide external connectivity");
      }
      return save(ctx, project, networkId, routerId, created);
    } catch (RuntimeException e) {
      if (networkId != null) {
        // an unknown error (UnknownProvisioningError): take down what was built, let it through
        cleanup(ctx, networkId, routerId, created);
      }
      throw e;
    }
  }

  /** _save: a concurrent request that recorded its topology first wins; ours is removed. */
  private String save(RequestContext ctx, String project, String networkId, String routerId,
      List<String> subnets) {
    try {
      db.txVoid(h -> h.execute("INSERT INTO auto_allocated_topologies (project_id, network_id, "
          + "router_id) VALUES (?, ?, ?)", project, networkId, routerId));
    } catch (RuntimeException e) {
      if (!Database.isDuplicateKey(e)) {
        throw e;
      }
      cleanup(ctx, networkId, routerId, subnets);
      return (String) topology(project).get("network_id");
    }
    plugins.handler("networks").update(ctx, networkId, Map.of("admin_state_up", true));
    return networkId;
  }

  /** _cleanup: resources already gone (a concurrent cleanup) are not an error. */
  private void cleanup(RequestContext ctx, String networkId, String routerId, List<String> subnets) {
    if (routerId != null) {
      ResourceHandler routers = plugins.handler(L3.ROUTERS);
      for (String subnet : subnets) {
        ignoreNotFound(() -> routers.action(ctx, routerId, "remove_router_interface",
            Map.of("subnet_id", subnet)));
      }
      ignoreNotFound(() -> routers.delete(ctx, routerId));
    }
    if (networkId != null) {
      ignoreNotFound(() -> plugins.handler("networks").delete(ctx, networkId));
    }
  }

  private static void ignoreNotFound(Runnable r) {
    try {
      r.run();
    } catch (NeutronException e) {
      if (e.status() != 404) {
        throw e;
      }
    }
  }

  @Override
  public void delete(RequestContext ctx, String id) {
    String project = project(ctx, id);
    Map<String, Object> topology = topology(project);
    if (topology == null) {
      return;
    }
    String networkId = (String) topology.get("network_id");
    List<String> subnets = db.read(h -> h.createQuery("SELECT id FROM subnets WHERE network_id = ?")
        .bind(0, networkId).mapTo(String.class).list());
    cleanup(ctx, networkId, (String) topology.get("router_id"), subnets);
  }


  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery query) {
    throw Faults.methodNotAllowed();
  }

  @Override
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> resource) {
    throw Faults.methodNotAllowed();
  }

  @Override
  public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    throw Faults.methodNotAllowed();
  }

  /** {@code neutron.service_plugins: auto_allocate}. */
  public static final class Provider implements PluginProvider {
    @Override
    public String namespace() {
      return Namespace.SERVICE_PLUGINS;
    }

    @Override
    public List<String> aliases() {
      return List.of("auto_allocate");
    }

    @Override
    public String className() {
      return "neutron.services.auto_allocate.plugin.Plugin";
    }

    @Override
    public Object create(PluginContext ctx) {
      return new AutoAllocatePlugin(ctx.service(Database.class), ctx.service(Callbacks.class), ctx);
    }
  }
}
