package io.neutrino.server.ml2;

import io.neutrino.lib.apidef.Agent;
import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.server.agent.AgentRegistry;
import io.neutrino.server.agent.AgentResource;
import io.neutrino.server.agent.scheduler.Ml2AgentScheduling;
import io.neutrino.lib.spi.NestedCollectionHandler;
import io.neutrino.lib.apidef.RbacPolicy;
import io.neutrino.lib.apidef.ServiceType;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.spi.Plugin;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.core.MacAddresses;
import io.neutrino.server.core.NetworkResource;
import io.neutrino.server.core.CoreTables;
import io.neutrino.server.core.PortResource;
import io.neutrino.server.core.TagService;
import io.neutrino.server.core.RbacPolicyResource;
import io.neutrino.server.core.ServiceProviderResource;
import io.neutrino.server.core.SubnetResource;
import io.neutrino.server.core.SubnetpoolResource;
import io.neutrino.server.core.Tags;
import io.neutrino.server.db.Database;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ML2 core plugin: the four core collections, with segments from the {@link TypeManager}.
 * Mechanism and extension drivers are not loaded yet (see the project notes): ports stay unbound.
 */
public final class Ml2Plugin implements Plugin {
  private final Database db;
  private final TypeManager types;
  private final Map<String, ResourceHandler> handlers;
  private final Ml2AgentScheduling scheduling;

  public Ml2Plugin(PluginContext ctx) {
    this.db = ctx.service(Database.class);
    Ml2Config config = Ml2Config.from(ctx);
    this.types = new TypeManager(config);
    Tags tags = new Tags();
    int maxDns = intOption(ctx, "max_dns_nameservers", 5);
    int maxRoutes = intOption(ctx, "max_subnet_host_routes", 20);
    MacAddresses macs = new MacAddresses(ctx.option("DEFAULT", "base_mac").orElse("fa:16:3e:00:00:00"));
    Callbacks callbacks = ctx.service(Callbacks.class);
    TagService tagService = ctx.service(TagService.class);
    tagService.register("networks", CoreTables.NETWORKS);
    tagService.register("subnets", CoreTables.SUBNETS);
    tagService.register("subnetpools", CoreTables.SUBNETPOOLS);
    tagService.register("ports", CoreTables.PORTS);
    Map<String, ResourceHandler> h = new LinkedHashMap<>();
    h.put("networks", new NetworkResource(db, types, tags, callbacks));
    h.put("subnets", new SubnetResource(db, tags, maxDns, maxRoutes, callbacks));
    h.put("subnetpools", new SubnetpoolResource(db, tags, callbacks));
    h.put("ports", new PortResource(db, tags, macs, callbacks));
    h.put(RbacPolicy.COLLECTION, new RbacPolicyResource(db, callbacks));
    h.put(Agent.COLLECTION, new AgentResource(ctx.service(AgentRegistry.class)));
    h.put(ServiceType.COLLECTION, new ServiceProviderResource(ctx.options("service_providers", "service_provider")));
    this.scheduling = new Ml2AgentScheduling(ctx);
    h.putAll(scheduling.handlers());
    this.handlers = Map.copyOf(h);
  }

  private static int intOption(PluginContext ctx, String key, int dflt) {
    String v = ctx.option("DEFAULT", key).orElse(null);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new io.neutrino.lib.spi.InvalidConfiguration("DEFAULT", key, "'" + v + "' is not an integer");
    }
  }

  @Override
  public Map<String, ResourceHandler> handlers() {
    return handlers;
  }

  @Override
  public List<ExtensionDef> supportedExtensions() {
    List<ExtensionDef> all = new java.util.ArrayList<>(CoreExtensions.all());
    all.add(RbacPolicy.extension());
    all.add(ServiceType.extension());
    all.add(Agent.extension());
    all.addAll(scheduling.extensions());
    return all;
  }

  @Override
  public List<NestedCollectionHandler> nestedCollections() {
    return scheduling.nestedCollections();
  }

  @Override
  public void start() {
    types.syncAllocations(db);
    scheduling.start();
  }

  @Override
  public void stop() {
    scheduling.stop();
  }
}
