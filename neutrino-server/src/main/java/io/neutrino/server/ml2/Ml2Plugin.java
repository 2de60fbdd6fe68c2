package io.neutrino.server.ml2;

import io.neutrino.lib.apidef.Agent;
import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.server.agent.AgentRegistry;
import io.neutrino.server.agent.AgentResource;
import io.neutrino.server.agent.scheduler.DhcpAgentScheduler;
import io.neutrino.server.agent.scheduler.Ml2AgentScheduling;
import io.neutrino.lib.spi.NestedCollectionHandler;
import io.neutrino.lib.apidef.RbacPolicy;
import io.neutrino.lib.apidef.ServiceType;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.events.ResourceEvent;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.spi.AgentLookup;
import io.neutrino.lib.spi.InvalidConfiguration;
import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.Plugin;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.lib.spi.ml2.MechanismDriver;
import io.neutrino.lib.spi.ml2.NetworkSegment;
import io.neutrino.lib.spi.ml2.ProviderSegment;
import io.neutrino.lib.spi.ml2.TypeDriver;
import io.neutrino.server.agent.AgentRegistry;
import io.neutrino.server.agent.AgentResource;
import io.neutrino.server.core.CoreTables;
import io.neutrino.server.core.MacAddresses;
import io.neutrino.server.core.NetworkResource;
import io.neutrino.server.core.PortResource;
import io.neutrino.server.core.ServiceProviderResource;
import io.neutrino.server.core.SubnetResource;
import io.neutrino.server.core.SubnetpoolResource;
import io.neutrino.server.core.TagService;
import io.neutrino.server.core.Tags;
import io.neutrino.server.db.Database;
import io.neutrino.server.manager.PluginLoader;
import io.neutrino.server.rbac.RbacPolicyResource;
import io.neutrino.server.rbac.RbacTypes;
import java.util.ArrayList;
import io.neutrino.server.ml2.ext.ExtensionManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The ML2 core plugin: the core collections, with segments from the {@link TypeManager}'s type
 * drivers, the {@link MechanismManager}'s mechanism drivers called on every network, subnet and
 * port change, port binding, and the attributes of the extension drivers ({@link
 * ExtensionManager}). Drivers are loaded by the names in {@code [ml2] type_drivers},
 * {@code mechanism_drivers} and {@code extension_drivers}, from the {@code neutron.ml2.*}
 * namespaces, in that order.
 */
public final class Ml2Plugin implements Plugin {
  private final Database db;
  private final TypeManager types;
  private final MechanismManager mechanisms;
  private final Ml2Drivers drivers;
  private final PortBindingStore bindingStore;
  private final L2AgentCallbacks agentCallbacks;
  private final ProvisioningBlocks blocks;
  private final ExtensionManager extensions;
  private final Map<String, ResourceHandler> handlers;
  private final Ml2AgentScheduling scheduling;

  public Ml2Plugin(PluginContext ctx) {
    this.db = ctx.service(Database.class);
    Ml2Config config = Ml2Config.from(ctx);
    PluginLoader loader = ctx.service(PluginLoader.class);
    List<TypeDriver> typeDrivers = new ArrayList<>();
    for (String name : config.typeDrivers()) {
      typeDrivers.add(load(loader, Namespace.ML2_TYPE_DRIVERS, name, ctx, "type_drivers", TypeDriver.class));
    }
    this.types = new TypeManager(config, typeDrivers);
    List<MechanismManager.Named> mechs = new ArrayList<>();
    for (String name : config.mechanismDrivers()) {
      mechs.add(new MechanismManager.Named(name,
          load(loader, Namespace.ML2_MECHANISM_DRIVERS, name, ctx, "mechanism_drivers", MechanismDriver.class)));
    }
    this.mechanisms = new MechanismManager(mechs);
    this.bindingStore = new PortBindingStore();
    this.blocks = new ProvisioningBlocks(db, ctx.service(DhcpAgentScheduler.class)::anyAgents);
    this.drivers = new Ml2Drivers(db, mechanisms, bindingStore,
        new Ml2PortContext.Services(ctx.service(AgentLookup.class), new DynamicSegments(db, types)), blocks);
    Tags tags = new Tags();
    int maxDns = intOption(ctx, "max_dns_nameservers", 5);
    int maxRoutes = intOption(ctx, "max_subnet_host_routes", 20);
    MacAddresses macs = new MacAddresses(ctx.option("DEFAULT", "base_mac").orElse("fa:16:3e:00:00:00"));
    Callbacks callbacks = ctx.service(Callbacks.class);
    this.extensions = ExtensionManager.load(ctx, ctx.service(PluginLoader.class), config.extensionDrivers());
    extensions.register(callbacks);
    callbacks.extendDicts("port", bindingStore.extender());
    callbacks.subscribe("port", Event.PRECOMMIT_CREATE, drivers::portCreated);
    callbacks.subscribe("segment", Event.PRECOMMIT_CREATE, this::reserveSegment);
    callbacks.subscribe("segment", Event.PRECOMMIT_DELETE, this::releaseSegment);
    callbacks.subscribe("segment", Event.AFTER_CREATE, e -> drivers.segmentPostcommit((String) e.latest().get("network_id")));
    callbacks.subscribe("segment", Event.AFTER_DELETE, e -> drivers.segmentPostcommit((String) e.original().get("network_id")));
    TagService tagService = ctx.service(TagService.class);
    tagService.register("networks", CoreTables.NETWORKS);
    tagService.register("subnets", CoreTables.SUBNETS);
    tagService.register("subnetpools", CoreTables.SUBNETPOOLS);
    tagService.register("ports", CoreTables.PORTS);
    Map<String, ResourceHandler> h = new LinkedHashMap<>();
    h.put("networks", new NetworkResource(db, types, tags, callbacks, drivers, h::get));
    h.put("subnets", new SubnetResource(db, tags, maxDns, maxRoutes, callbacks, drivers));
    h.put("subnetpools", new SubnetpoolResource(db, tags, callbacks));
    h.put("ports", new PortResource(db, tags, macs, callbacks, drivers));
    RbacTypes rbacTypes = ctx.service(RbacTypes.class);
    rbacTypes.register(NetworkResource.RBAC);
    rbacTypes.register(SubnetpoolResource.RBAC);
    h.put(RbacPolicy.COLLECTION, new RbacPolicyResource(db, rbacTypes, callbacks));
    h.put(Agent.COLLECTION, new AgentResource(ctx.service(AgentRegistry.class)));
    h.put(ServiceType.COLLECTION, new ServiceProviderResource(ctx.options("service_providers", "service_provider")));
    this.scheduling = new Ml2AgentScheduling(ctx);
    h.putAll(scheduling.handlers());
    this.handlers = Map.copyOf(h);
    this.agentCallbacks = new L2AgentCallbacks(db, new Devices(db), drivers, blocks, handlers.get("ports"));
  }

  /** A driver by name from its namespace, or a start-up error naming the option that asked for it. */
  private static <T> T load(PluginLoader loader, String namespace, String name, PluginContext ctx, String option,
      Class<T> type) {
    Object driver = loader.load(namespace, name, ctx, "ml2", option);
    if (!type.isInstance(driver)) {
      throw new InvalidConfiguration("ml2", option, "'" + name + "' is not a " + type.getSimpleName());
    }
    return type.cast(driver);
  }

  private static int intOption(PluginContext ctx, String key, int dflt) {
    String v = ctx.option("DEFAULT", key).orElse(null);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new InvalidConfiguration("DEFAULT", key, "'" + v + "' is not an integer");
    }
  }

  /**
   * A segment created through the segments API: its type driver checks and reserves it, and the
   * network's MTU must still fit every segment (Neutron's _handle_segment_change validates it; the
   * MTU itself stays).
   */
  private void reserveSegment(ResourceEvent e) {
    Map<String, Object> s = e.latest();
    ProviderSegment wanted = types.validateProvider(new ProviderSegment((String) s.get("network_type"),
        (String) s.get("physical_network"), (Integer) s.get("segmentation_id")));
    Handle h = (Handle) e.transaction();
    ProviderSegment reserved = types.reserveProvider(h, wanted);
    s.put("physical_network", reserved.physicalNetwork());
    s.put("segmentation_id", reserved.segmentationId());
    String networkId = (String) s.get("network_id");
    List<ProviderSegment> all = new ArrayList<>();
    PortBindingStore.segments(h, networkId).forEach(n -> all.add(n.provider()));
    all.add(reserved);
    int max = types.mtu(all);
    Integer mtu = h.createQuery("SELECT mtu FROM networks WHERE id = ?").bind(0, networkId)
        .mapTo(Integer.class).findOne().orElse(null);
    if (mtu != null && max > 0 && mtu > max) {
      throw Faults.invalidInput("Requested MTU is too big, maximum is " + max);
    }
    drivers.segmentPrecommit(h, networkId, new NetworkSegment(e.resourceId(), networkId, reserved.networkType(),
        reserved.physicalNetwork(), reserved.segmentationId()), null);
  }

  /** A segment deleted through the segments API: refused while ports are bound to it, else released. */
  private void releaseSegment(ResourceEvent e) {
    Handle h = (Handle) e.transaction();
    List<String> ports = bindingStore.portsBoundTo(h, e.resourceId());
    if (!ports.isEmpty()) {
      throw Faults.conflict("SegmentInUse", "Segment '" + e.resourceId() + "' cannot be deleted: The segment "
          + "is still bound with port(s) " + String.join(", ", ports) + ".");
    }
    Map<String, Object> s = e.original();
    types.release(h, new ProviderSegment((String) s.get("network_type"), (String) s.get("physical_network"),
        (Integer) s.get("segmentation_id")));
    drivers.segmentPrecommit(h, (String) s.get("network_id"), null, e.resourceId());
  }

  /** What the L2 agents' RPC calls (device details, device up and down) and the DHCP agent's readiness. */
  public L2AgentCallbacks agentCallbacks() {
    return agentCallbacks;
  }

  /** The ports' provisioning blocks (what they wait for before turning ACTIVE). */
  public ProvisioningBlocks provisioningBlocks() {
    return blocks;
  }

  @Override
  public Map<String, ResourceHandler> handlers() {
    return handlers;
  }

  @Override
  public List<ExtensionDef> supportedExtensions() {
    List<ExtensionDef> all = new ArrayList<>(CoreExtensions.all());
    all.add(RbacPolicy.extension());
    all.add(RbacPolicy.subnetpool());
    all.add(ServiceType.extension());
    all.add(Agent.extension());
    all.addAll(extensions.extensions());
    all.addAll(scheduling.extensions());
    return all;
  }

  @Override
  public List<NestedCollectionHandler> nestedCollections() {
    return scheduling.nestedCollections();
  }

  @Override
  public void start() {
    types.initialize();
    extensions.initialize();
    mechanisms.initialize();
    scheduling.start();
  }

  @Override
  public void stop() {
    scheduling.stop();
  }
}
