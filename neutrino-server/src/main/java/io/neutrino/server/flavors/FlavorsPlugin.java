package io.neutrino.server.flavors;

import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.apidef.Flavors;
import io.neutrino.lib.apidef.ServiceType;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.Plugin;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.core.ServiceProviderResource;
import io.neutrino.server.db.Database;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Neutron's FlavorsPlugin ({@code flavors}, a default service plugin; neutron/db/flavors_db.py):
 * flavors, service profiles, the association of profiles with flavors and a flavor's next
 * provider (its first profile's driver, found among {@code [service_providers]}).
 */
public final class FlavorsPlugin implements Plugin {
  final Database db;
  final List<ServiceProviderResource.Provider> providers;
  final Set<String> pluginTypes;
  private final Map<String, ResourceHandler> handlers;

  /**
   * @param pluginTypes the types of the loaded plugins (Neutron's plugin directory keys, e.g.
   *     {@code L3_ROUTER_NAT}), which a flavor's service_type must name
   */
  public FlavorsPlugin(Database db, List<ServiceProviderResource.Provider> providers,
      Set<String> pluginTypes) {
    this.db = db;
    this.providers = List.copyOf(providers);
    this.pluginTypes = Set.copyOf(pluginTypes);
    FlavorStore store = new FlavorStore(this);
    // The sub-resources are served under their schema keys (flavors/service_profiles), apart
    // from the top-level service_profiles collection of the same name.
    this.handlers = Map.of(Flavors.FLAVORS, store.flavors(), Flavors.SERVICE_PROFILES, store.profiles(),
        Flavors.FLAVOR_SERVICE_PROFILES_KEY, store.bindings(),
        Flavors.NEXT_PROVIDERS_KEY, store.nextProviders());
  }

  @Override
  public Map<String, ResourceHandler> handlers() {
    return handlers;
  }

  @Override
  public List<ExtensionDef> supportedExtensions() {
    return List.of(Flavors.extension(), ServiceType.extension());
  }

  static NeutronException flavorNotFound(String id) {
    return new NeutronException("FlavorNotFound", 404, "Flavor " + id + " could not be found.");
  }

  static NeutronException profileNotFound(Object id) {
    return new NeutronException("ServiceProfileNotFound", 404,
        "Service Profile " + id + " could not be found.");
  }

  static NeutronException bindingNotFound(Object profile, String flavor) {
    return new NeutronException("FlavorServiceProfileBindingNotFound", 404,
        "Service Profile " + profile + " is not associated with flavor " + flavor + ".");
  }

  static NeutronException driverNotFound(Object driver) {
    return new NeutronException("ServiceProfileDriverNotFound", 404,
        "Service Profile driver " + driver + " could not be found.");
  }

  /** Python's NotImplementedError (501) for calls Neutron's plugin does not offer. */
  static NeutronException notImplemented() {
    return new NeutronException("HTTPNotImplemented", 501,
        "The server has either erred or is incapable of performing the requested operation.");
  }
}
