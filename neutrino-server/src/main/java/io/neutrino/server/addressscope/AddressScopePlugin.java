package io.neutrino.server.addressscope;

import io.neutrino.lib.apidef.AddressScope;
import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.apidef.RbacPolicy;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.Plugin;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.db.Database;
import io.neutrino.server.rbac.RbacTypes;
import java.util.List;
import java.util.Map;

/**
 * Address scopes as the service plugin {@code address_scope}, loaded by default: in Neutron the
 * ML2 core plugin carries them (AddressScopeDbMixin); here they plug into subnet pools, subnets
 * and networks through the core resources' events.
 */
public final class AddressScopePlugin implements Plugin {
  private final Map<String, ResourceHandler> handlers;

  AddressScopePlugin(Database db, Callbacks callbacks, RbacTypes rbacTypes) {
    this.handlers = Map.of(AddressScope.COLLECTION, new AddressScopeResource(db, callbacks));
    ScopeChecks.register(callbacks);
    rbacTypes.register(AddressScopeResource.RBAC);
  }

  @Override
  public Map<String, ResourceHandler> handlers() {
    return handlers;
  }

  @Override
  public List<ExtensionDef> supportedExtensions() {
    return List.of(AddressScope.extension(), RbacPolicy.addressScope());
  }

  /** {@code neutron.service_plugins: address_scope}. */
  public static final class Provider implements PluginProvider {
    @Override
    public String namespace() {
      return Namespace.SERVICE_PLUGINS;
    }

    @Override
    public List<String> aliases() {
      return List.of("address_scope");
    }

    @Override
    public String className() {
      return "neutron.db.address_scope_db.AddressScopeDbMixin";
    }

    @Override
    public Object create(PluginContext ctx) {
      return new AddressScopePlugin(ctx.service(Database.class), ctx.service(Callbacks.class),
          ctx.service(RbacTypes.class));
    }
  }
}
