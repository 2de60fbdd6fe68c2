package io.neutrino.lib.spi;

/** The entry-point namespaces of Neutron's setup.cfg, kept by name. */
public final class Namespace {
  private Namespace() {}

  public static final String CORE_PLUGINS = "neutron.core_plugins";
  public static final String SERVICE_PLUGINS = "neutron.service_plugins";
  public static final String ML2_TYPE_DRIVERS = "neutron.ml2.type_drivers";
  public static final String ML2_MECHANISM_DRIVERS = "neutron.ml2.mechanism_drivers";
  public static final String ML2_EXTENSION_DRIVERS = "neutron.ml2.extension_drivers";
  public static final String IPAM_DRIVERS = "neutron.ipam_drivers";
}
