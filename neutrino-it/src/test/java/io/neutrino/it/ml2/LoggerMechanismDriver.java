package io.neutrino.it.ml2;

import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import io.neutrino.lib.spi.ml2.MechanismDriver;
import io.neutrino.lib.spi.ml2.NetworkContext;
import io.neutrino.lib.spi.ml2.PortContext;
import io.neutrino.lib.spi.ml2.SubnetContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@code logger} test driver (Neutron's neutron/tests/unit/plugins/ml2/drivers/mechanism_logger.py):
 * records every call, in order, into the {@link Calls} the test gives the server as a service, so
 * tests can assert the order precommit → commit → postcommit. {@code [test_logger] fail = <hook>,...}
 * makes the named hooks throw ({@code fail_with = neutron} a 409 NeutronException, else a plain
 * RuntimeException); two instances under other aliases ({@code logger2}) show driver order.
 */
public final class LoggerMechanismDriver implements MechanismDriver {
  /** What the drivers did, e.g. "logger:create_network_precommit:<id>". */
  public static final class Calls {
    public final List<String> log = new CopyOnWriteArrayList<>();

    public List<String> of(String id) {
      return log.stream().filter(l -> l.endsWith(":" + id)).toList();
    }
  }

  private final String name;
  private final Calls calls;
  private final Set<String> fail;
  private final boolean neutronFault;

  LoggerMechanismDriver(String name, PluginContext ctx) {
    this.name = name;
    this.calls = ctx.service(Calls.class);
    this.fail = Set.of(ctx.option("test_logger", "fail").orElse("").split(","));
    this.neutronFault = "neutron".equals(ctx.option("test_logger", "fail_with").orElse(""));
  }

  private void record(String hook, Map<String, Object> current) {
    calls.log.add(name + ":" + hook + ":" + current.get("id"));
    if (fail.contains(hook) && name.equals("logger")) {
      if (neutronFault) {
        throw new NeutronException("LoggerRefused", 409, "logger refused " + hook);
      }
      throw new IllegalStateException("logger failed in " + hook);
    }
  }

  @Override
  public void createNetworkPrecommit(NetworkContext c) {
    record("create_network_precommit", c.current());
  }

  @Override
  public void createNetworkPostcommit(NetworkContext c) {
    record("create_network_postcommit", c.current());
  }

  @Override
  public void updateNetworkPrecommit(NetworkContext c) {
    record("update_network_precommit", c.current());
  }

  @Override
  public void updateNetworkPostcommit(NetworkContext c) {
    record("update_network_postcommit", c.current());
  }

  @Override
  public void deleteNetworkPrecommit(NetworkContext c) {
    record("delete_network_precommit", c.current());
  }

  @Override
  public void deleteNetworkPostcommit(NetworkContext c) {
    record("delete_network_postcommit", c.current());
  }

  @Override
  public void createSubnetPrecommit(SubnetContext c) {
    record("create_subnet_precommit", c.current());
  }

  @Override
  public void createSubnetPostcommit(SubnetContext c) {
    record("create_subnet_postcommit", c.current());
  }

  @Override
  public void updateSubnetPrecommit(SubnetContext c) {
    record("update_subnet_precommit", c.current());
  }

  @Override
  public void updateSubnetPostcommit(SubnetContext c) {
    record("update_subnet_postcommit", c.current());
  }

  @Override
  public void deleteSubnetPrecommit(SubnetContext c) {
    record("delete_subnet_precommit", c.current());
  }

  @Override
  public void deleteSubnetPostcommit(SubnetContext c) {
    record("delete_subnet_postcommit", c.current());
  }

  @Override
  public void createPortPrecommit(PortContext c) {
    record("create_port_precommit", c.current());
  }

  @Override
  public void createPortPostcommit(PortContext c) {
    record("create_port_postcommit", c.current());
  }

  @Override
  public void updatePortPrecommit(PortContext c) {
    record("update_port_precommit", c.current());
  }

  @Override
  public void updatePortPostcommit(PortContext c) {
    record("update_port_postcommit", c.current());
  }

  @Override
  public void deletePortPrecommit(PortContext c) {
    record("delete_port_precommit", c.current());
  }

  @Override
  public void deletePortPostcommit(PortContext c) {
    record("delete_port_postcommit", c.current());
  }

  @Override
  public void bindPort(PortContext c) {
    record("bind_port", c.current());
  }

  /** Registered as {@code logger} and {@code logger2}. */
  public static final class Provider implements PluginProvider {
    private final String alias;

    public Provider() {
      this("logger");
    }

    Provider(String alias) {
      this.alias = alias;
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
      return "neutron.tests.unit.plugins.ml2.drivers.mechanism_logger.LoggerMechanismDriver" + (alias.equals("logger") ? "" : "2");
    }

    @Override
    public Object create(PluginContext context) {
      return new LoggerMechanismDriver(alias, context);
    }
  }

  public static final class Provider2 implements PluginProvider {
    private final Provider inner = new Provider("logger2");

    @Override
    public String namespace() {
      return inner.namespace();
    }

    @Override
    public List<String> aliases() {
      return inner.aliases();
    }

    @Override
    public String className() {
      return inner.className();
    }

    @Override
    public Object create(PluginContext context) {
      return inner.create(context);
    }
  }
}
