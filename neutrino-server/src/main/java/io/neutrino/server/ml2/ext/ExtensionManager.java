package io.neutrino.server.ml2.ext;

import io.neutrino.lib.apidef.AttributeSpec;
import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.events.ResourceEvent;
import io.neutrino.lib.spi.InvalidConfiguration;
import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.ml2.ExtensionDriver;
import io.neutrino.server.manager.PluginLoader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ML2's ExtensionManager (neutron/plugins/ml2/managers.py): loads the drivers named in
 * {@code [ml2] extension_drivers} from the {@code neutron.ml2.extension_drivers} namespace, in
 * that order (an unknown name stops start-up), collects the API extensions they bring, and calls
 * them on every network, subnet and port change and show.
 *
 * <p>The core resources know nothing of the drivers: they publish their PRECOMMIT events and ask
 * for their dicts to be extended, and this manager is subscribed to both. ML2 subscribes it before
 * any service plugin exists, so the drivers run first inside the transaction, as Neutron's ML2
 * calls {@code process_create_*} before its security group processing and the mechanism drivers'
 * precommit.
 */
public final class ExtensionManager {
  private static final Logger LOG = LoggerFactory.getLogger(ExtensionManager.class);
  private static final String SECTION = "ml2";
  private static final String OPTION = "extension_drivers";

  private final List<ExtensionDriver> drivers;
  private final List<ExtensionDef> extensions;
  /** Per collection, the attributes the drivers add (kept apart from core changes on update). */
  private final Map<String, Set<String>> attributes;

  public ExtensionManager(List<ExtensionDriver> drivers) {
    this.drivers = List.copyOf(drivers);
    Map<String, ExtensionDef> byAlias = new LinkedHashMap<>();
    Map<String, Set<String>> attrs = new LinkedHashMap<>();
    for (ExtensionDriver d : this.drivers) {
      for (ExtensionDef e : d.extensions()) {
        byAlias.putIfAbsent(e.alias(), e);
        e.extendedAttributes().forEach((collection, specs) -> specs.stream().map(AttributeSpec::name)
            .forEach(a -> attrs.computeIfAbsent(collection, k -> new HashSet<>()).add(a)));
      }
    }
    this.extensions = List.copyOf(byAlias.values());
    Map<String, Set<String>> frozen = new LinkedHashMap<>();
    attrs.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
    this.attributes = Map.copyOf(frozen);
  }

  /**
   * The drivers {@code [ml2] extension_drivers} names, each once, by alias or class name; a name
   * no provider has, or one that is not an extension driver, stops start-up naming the option.
   */
  public static ExtensionManager load(PluginContext ctx, PluginLoader loader, List<String> names) {
    List<ExtensionDriver> drivers = new ArrayList<>();
    for (String name : new LinkedHashSet<>(names)) {
      Object driver = loader.load(Namespace.ML2_EXTENSION_DRIVERS, name, ctx, SECTION, OPTION);
      if (!(driver instanceof ExtensionDriver d)) {
        throw new InvalidConfiguration(SECTION, OPTION, "'" + name + "' is not an extension driver");
      }
      drivers.add(d);
      LOG.info("Loaded ML2 extension driver {}", name);
    }
    return new ExtensionManager(drivers);
  }

  /** The API extensions of the loaded drivers, each alias once, in driver order. */
  public List<ExtensionDef> extensions() {
    return extensions;
  }

  /** Neutron's ExtensionManager.initialize: every driver, in order, once all are loaded. */
  public void initialize() {
    drivers.forEach(ExtensionDriver::initialize);
  }

  /** Subscribes the drivers' hooks to the core resources' events. */
  public void register(Callbacks callbacks) {
    if (drivers.isEmpty()) {
      return;
    }
    callbacks.subscribe("network", Event.PRECOMMIT_CREATE, e -> drivers.forEach(d ->
        d.processCreateNetwork(e.context(), e.transaction(), e.request(), e.latest())));
    callbacks.subscribe("subnet", Event.PRECOMMIT_CREATE, e -> drivers.forEach(d ->
        d.processCreateSubnet(e.context(), e.transaction(), e.request(), e.latest())));
    callbacks.subscribe("port", Event.PRECOMMIT_CREATE, e -> drivers.forEach(d ->
        d.processCreatePort(e.context(), e.transaction(), e.request(), e.latest())));
    callbacks.subscribe("network", Event.PRECOMMIT_UPDATE, e -> {
      Map<String, Object> result = updateResult("networks", e, this::extendNetworks);
      drivers.forEach(d -> d.processUpdateNetwork(e.context(), e.transaction(), e.request(), result));
    });
    callbacks.subscribe("subnet", Event.PRECOMMIT_UPDATE, e -> {
      Map<String, Object> result = updateResult("subnets", e, this::extendSubnets);
      drivers.forEach(d -> d.processUpdateSubnet(e.context(), e.transaction(), e.request(), result));
    });
    callbacks.subscribe("port", Event.PRECOMMIT_UPDATE, e -> {
      Map<String, Object> result = updateResult("ports", e, this::extendPorts);
      drivers.forEach(d -> d.processUpdatePort(e.context(), e.transaction(), e.request(), result));
    });
    // One extender per driver, in driver order, so that each may have its own way with a network
    // or port just created, and state its own read of a shown port.
    drivers.forEach(d -> callbacks.extendDicts("network", createdCopied(d, "networks",
        Callbacks.DictExtender.stating((rows, tx) -> d.extendNetworkDicts(tx, rows), id -> null, d::networkPageRead),
        d.completesCreatedNetwork())));
    callbacks.extendDicts("subnet", this::extendSubnets);
    drivers.forEach(d -> callbacks.extendDicts("port", createdCopied(d, "ports",
        Callbacks.DictExtender.stating((rows, tx) -> d.extendPortDicts(tx, rows), d::portSideRead, d::portPageRead),
        d.completesCreatedPort())));
  }

  /**
   * {@code reader}, or for a driver whose create hook completes the resource ({@code completes}),
   * an extender that copies the driver's attributes of a resource just created from what it wrote.
   */
  private static Callbacks.DictExtender createdCopied(ExtensionDriver d, String collection,
      Callbacks.DictExtender reader, boolean completes) {
    if (!completes) {
      return reader;
    }
    List<String> keys = new ArrayList<>();
    d.extensions().forEach(e -> e.extendedAttributes().getOrDefault(collection, List.of())
        .forEach(a -> keys.add(a.name())));
    return keys.isEmpty() ? reader : Callbacks.DictExtender.copyingWritten(keys, reader);
  }

  private void extendNetworks(List<Map<String, Object>> rows, Object tx) {
    drivers.forEach(d -> d.extendNetworkDicts(tx, rows));
  }

  private void extendSubnets(List<Map<String, Object>> rows, Object tx) {
    drivers.forEach(d -> d.extendSubnetDicts(tx, rows));
  }

  private void extendPorts(List<Map<String, Object>> rows, Object tx) {
    drivers.forEach(d -> d.extendPortDicts(tx, rows));
  }

  /**
   * What an update hook gets as {@code result}: the resource after the core's changes, with the
   * drivers' attributes as stored before this update. The event's original is completed with those
   * attributes first, in place: later subscribers (the security group plugin reads
   * port_security_enabled there) see it as Neutron's original_port, extensions included.
   */
  private Map<String, Object> updateResult(String collection, ResourceEvent e,
      Callbacks.DictExtender extender) {
    Set<String> driverAttributes = attributes.getOrDefault(collection, Set.of());
    Map<String, Object> original = e.original();
    if (!original.keySet().containsAll(driverAttributes)) {
      extender.extend(List.of(original), e.transaction());
    }
    Map<String, Object> result = new LinkedHashMap<>(original);
    e.latest().forEach((k, v) -> {
      if (!driverAttributes.contains(k)) {
        result.put(k, v);
      }
    });
    return result;
  }
}
