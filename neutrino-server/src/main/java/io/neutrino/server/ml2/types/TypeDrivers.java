package io.neutrino.server.ml2.types;

import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import java.util.List;
import java.util.function.Function;

/**
 * The built-in type drivers as {@code neutron.ml2.type_drivers} entry points, with Neutron's
 * aliases and class names: listed in {@code [ml2] type_drivers}, they load like a third party's.
 */
public final class TypeDrivers {
  private TypeDrivers() {}

  static NeutronException noNetworkAvailable() {
    return Faults.unavailable("NoNetworkAvailable",
        "Unable to create the network. No tenant network is available for allocation.");
  }

  /** One built-in driver as a provider. */
  private abstract static class Builtin implements PluginProvider {
    private final String alias;
    private final String className;
    private final Function<PluginContext, Object> factory;

    Builtin(String alias, String className, Function<PluginContext, Object> factory) {
      this.alias = alias;
      this.className = className;
      this.factory = factory;
    }

    @Override
    public String namespace() {
      return Namespace.ML2_TYPE_DRIVERS;
    }

    @Override
    public List<String> aliases() {
      return List.of(alias);
    }

    @Override
    public String className() {
      return className;
    }

    @Override
    public Object create(PluginContext context) {
      return factory.apply(context);
    }
  }

  public static final class Local extends Builtin {
    public Local() {
      super("local", "neutron.plugins.ml2.drivers.type_local.LocalTypeDriver", c -> new LocalTypeDriver());
    }
  }

  public static final class Flat extends Builtin {
    public Flat() {
      super("flat", "neutron.plugins.ml2.drivers.type_flat.FlatTypeDriver", FlatTypeDriver::new);
    }
  }

  public static final class Vlan extends Builtin {
    public Vlan() {
      super("vlan", "neutron.plugins.ml2.drivers.type_vlan.VlanTypeDriver", VlanTypeDriver::new);
    }
  }

  public static final class Vxlan extends Builtin {
    public Vxlan() {
      super("vxlan", "neutron.plugins.ml2.drivers.type_vxlan.VxlanTypeDriver", TunnelTypeDriver::vxlan);
    }
  }

  public static final class Gre extends Builtin {
    public Gre() {
      super("gre", "neutron.plugins.ml2.drivers.type_gre.GreTypeDriver", TunnelTypeDriver::gre);
    }
  }

  public static final class Geneve extends Builtin {
    public Geneve() {
      super("geneve", "neutron.plugins.ml2.drivers.type_geneve.GeneveTypeDriver", TunnelTypeDriver::geneve);
    }
  }
}
