package io.neutrino.example;

import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import io.neutrino.lib.spi.ml2.MechanismDriver;
import io.neutrino.lib.spi.ml2.NetworkSegment;
import io.neutrino.lib.spi.ml2.PortBindings;
import io.neutrino.lib.spi.ml2.PortContext;
import java.util.List;
import java.util.Map;

/**
 * A third-party ML2 mechanism driver, built against neutrino-lib only: binds ports on hosts listed
 * in {@code [example] hosts} to their network's {@code example} segment, with
 * {@code binding:vif_type} {@code example} and the host in {@code binding:vif_details}. Listing
 * {@code example} in {@code [ml2] mechanism_drivers} loads it.
 */
public final class ExampleMechanismDriver implements MechanismDriver {
  public static final String VIF_TYPE = "example";

  private final List<String> hosts;

  ExampleMechanismDriver(PluginContext ctx) {
    this.hosts = List.of(ctx.option("example", "hosts").orElse("").split(","));
  }

  @Override
  public String connectivity() {
    return PortBindings.CONNECTIVITY_L2;
  }

  @Override
  public void bindPort(PortContext context) {
    if (!hosts.contains(context.host())) {
      return;
    }
    for (NetworkSegment s : context.segmentsToBind()) {
      if (s.networkType().equals(ExampleTypeDriver.TYPE)) {
        context.setBinding(s.id(), VIF_TYPE, Map.of("host", context.host(), "vni", s.segmentationId()), null);
        return;
      }
    }
  }

  /** {@code neutron.ml2.mechanism_drivers: example}. */
  public static final class Provider implements PluginProvider {
    @Override
    public String namespace() {
      return Namespace.ML2_MECHANISM_DRIVERS;
    }

    @Override
    public List<String> aliases() {
      return List.of("example");
    }

    @Override
    public String className() {
      return ExampleMechanismDriver.class.getName();
    }

    @Override
    public Object create(PluginContext context) {
      return new ExampleMechanismDriver(context);
    }
  }
}
