package io.neutrino.server.ml2.mech;

import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import java.util.List;
import java.util.function.Function;

/**
 * The built-in mechanism drivers as {@code neutron.ml2.mechanism_drivers} entry points, with
 * Neutron's aliases and class names: listed in {@code [ml2] mechanism_drivers}, they load like a
 * third party's.
 */
public final class MechanismDrivers {
  private MechanismDrivers() {}

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
      return Namespace.ML2_MECHANISM_DRIVERS;
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

  public static final class Linuxbridge extends Builtin {
    public Linuxbridge() {
      super("linuxbridge", "neutron.plugins.ml2.drivers.linuxbridge.mech_driver.mech_linuxbridge."
          + "LinuxbridgeMechanismDriver", LinuxbridgeMechanismDriver::new);
    }
  }

  public static final class Openvswitch extends Builtin {
    public Openvswitch() {
      super("openvswitch", "neutron.plugins.ml2.drivers.openvswitch.mech_driver.mech_openvswitch."
          + "OpenvswitchMechanismDriver", OpenvswitchMechanismDriver::new);
    }
  }

  public static final class L2population extends Builtin {
    public L2population() {
      super("l2population", "neutron.plugins.ml2.drivers.l2pop.mech_driver.L2populationMechanismDriver",
          L2populationMechanismDriver::new);
    }
  }
}
