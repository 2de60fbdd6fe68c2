package io.neutrino.it.ml2;

import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import io.neutrino.lib.spi.ml2.BindingLevel;
import io.neutrino.lib.spi.ml2.MechanismDriver;
import io.neutrino.lib.spi.ml2.NetworkSegment;
import io.neutrino.lib.spi.ml2.PortBindings;
import io.neutrino.lib.spi.ml2.PortContext;
import io.neutrino.lib.spi.ml2.ProviderSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code tor} test driver: the upper half of a hierarchical binding, as a top-of-rack switch
 * driver does it in Neutron. It binds the port's vxlan segment at its level and hands the binding
 * on to the network's vlan segments (continue_binding), for an agent driver to bind at the next
 * level; a network without one gets a dynamic vlan segment on physnet1, released with the last
 * port bound to it. The levels drivers are shown once a port is bound are kept in the
 * {@link Levels} the test gives the server as a service.
 */
public final class HierarchicalMechanismDriver implements MechanismDriver {
  /** Per port id, its binding levels as "level:driver:network type". */
  public static final class Levels {
    public final Map<String, List<String>> byPort = new ConcurrentHashMap<>();
  }

  private final Levels levels;

  HierarchicalMechanismDriver(PluginContext ctx) {
    this.levels = ctx.service(Levels.class);
  }

  @Override
  public String connectivity() {
    return PortBindings.CONNECTIVITY_L2;
  }

  @Override
  public void bindPort(PortContext context) {
    List<NetworkSegment> vlans = context.network().networkSegments().stream()
        .filter(s -> s.networkType().equals("vlan")).toList();
    for (NetworkSegment s : context.segmentsToBind()) {
      if (s.networkType().equals("vxlan")) {
        context.continueBinding(s.id(), !vlans.isEmpty() ? vlans
            : List.of(context.allocateDynamicSegment(new ProviderSegment("vlan", "physnet1", null))));
        return;
      }
    }
  }

  @Override
  public void deletePortPostcommit(PortContext context) {
    NetworkSegment bottom = context.bottomBoundSegment();
    if (bottom != null && context.network().networkSegments().stream().noneMatch(s -> s.id().equals(bottom.id()))) {
      context.releaseDynamicSegment(bottom.id()); // kept while other ports are bound to it
    }
  }

  @Override
  public void updatePortPostcommit(PortContext context) {
    List<String> seen = new ArrayList<>();
    NetworkSegment bottom = context.bottomBoundSegment();
    for (BindingLevel l : context.bindingLevels()) {
      String type = context.network().networkSegments().stream().filter(s -> s.id().equals(l.segmentId()))
          .map(NetworkSegment::networkType).findFirst()
          .orElse(bottom != null && bottom.id().equals(l.segmentId()) ? "dynamic " + bottom.networkType() : "?");
      seen.add(l.level() + ":" + l.driver() + ":" + type);
    }
    levels.byPort.put((String) context.current().get("id"), seen);
  }

  /** {@code neutron.ml2.mechanism_drivers: tor}. */
  public static final class Provider implements PluginProvider {
    @Override
    public String namespace() {
      return Namespace.ML2_MECHANISM_DRIVERS;
    }

    @Override
    public List<String> aliases() {
      return List.of("tor");
    }

    @Override
    public String className() {
      return HierarchicalMechanismDriver.class.getName();
    }

    @Override
    public Object create(PluginContext context) {
      return new HierarchicalMechanismDriver(context);
    }
  }
}
