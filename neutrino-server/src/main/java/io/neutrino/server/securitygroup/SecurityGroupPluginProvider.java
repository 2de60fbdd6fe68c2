package io.neutrino.server.securitygroup;

import io.neutrino.lib.apidef.AddressGroup;
import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.apidef.RbacPolicy;
import io.neutrino.lib.apidef.SecurityGroup;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.Plugin;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.core.TagService;
import io.neutrino.server.db.Database;
import io.neutrino.server.quota.QuotaEngine;
import io.neutrino.server.rbac.RbacTypes;
import java.util.List;
import java.util.Map;

/**
 * Security groups as the service plugin {@code security_group} (in Neutron the core plugin
 * carries them; here they plug in through the port events): the security-groups and
 * security-group-rules collections, security_groups on ports, and the extensions
 * security-group, stateful-security-group, security-groups-normalized-cidr,
 * port-security-groups-filtering, and (ML2 carries them too) address-groups with
 * security-groups-remote-address-group. Both kinds of group can be shared through rbac-policies
 * (rbac-security-groups with security-groups-shared-filtering, rbac-address-group).
 */
public final class SecurityGroupPluginProvider implements PluginProvider {
  @Override
  public String namespace() {
    return Namespace.SERVICE_PLUGINS;
  }

  @Override
  public List<String> aliases() {
    return List.of("security_group");
  }

  @Override
  public String className() {
    return "io.neutrino.server.securitygroup.SecurityGroupPluginProvider";
  }

  @Override
  public Object create(PluginContext context) {
    Callbacks callbacks = context.service(Callbacks.class);
    SgStore store = new SgStore(context.service(Database.class), callbacks,
        context.service(QuotaEngine.class));
    new PortSecurityGroups(store).register(callbacks);
    RbacTypes rbacTypes = context.service(RbacTypes.class);
    rbacTypes.register(SecurityGroupTables.GROUP_RBAC);
    rbacTypes.register(SecurityGroupTables.ADDRESS_GROUP_RBAC);
    context.service(TagService.class).register(SecurityGroup.GROUPS, SecurityGroupTables.GROUPS);
    Map<String, ResourceHandler> handlers = Map.of(
        SecurityGroup.GROUPS, new SecurityGroupResource(store),
        SecurityGroup.RULES, new SecurityGroupRuleResource(store),
        AddressGroup.COLLECTION, new AddressGroupResource(store));
    List<ExtensionDef> extensions = List.of(SecurityGroup.extension(), SecurityGroup.stateful(),
        SecurityGroup.normalizedCidr(), SecurityGroup.portFiltering(), AddressGroup.extension(),
        AddressGroup.remoteAddressGroup(), RbacPolicy.securityGroups(), SecurityGroup.sharedFiltering(),
        RbacPolicy.addressGroup());
    return new Plugin() {
      @Override
      public Map<String, ResourceHandler> handlers() {
        return handlers;
      }

      @Override
      public List<ExtensionDef> supportedExtensions() {
        return extensions;
      }
    };
  }
}
