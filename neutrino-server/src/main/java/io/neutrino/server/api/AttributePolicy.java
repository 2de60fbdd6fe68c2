package io.neutrino.server.api;

import io.neutrino.lib.apidef.AttributeSpec;
import io.neutrino.lib.apidef.ResourceDef;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.fault.Faults;
import java.util.Map;
import java.util.Set;

/**
 * The attribute rules of Neutron's default policy that matter before the full policy engine
 * exists: which attributes only an admin may see or set ({@code rule:admin_only} in
 * neutron/conf/policies). One place, so the policy engine can replace it whole.
 */
public final class AttributePolicy {
  private static final Set<String> ADMIN_ONLY_READ = Set.of(
      "provider:network_type", "provider:physical_network", "provider:segmentation_id",
      "segments", "binding:host_id", "binding:profile", "binding:vif_type", "binding:vif_details");

  private static final Map<String, Set<String>> ADMIN_ONLY_WRITE = Map.of(
      "networks", Set.of("shared", "router:external", "provider:network_type",
          "provider:physical_network", "provider:segmentation_id", "segments"),
      "ports", Set.of("binding:host_id", "binding:profile", "mac_address"),
      "subnetpools", Set.of("is_default", "shared"));

  public boolean mayRead(RequestContext ctx, String attribute) {
    return ctx.isAdmin() || !ADMIN_ONLY_READ.contains(attribute);
  }

  /**
   * Neutron checks an attribute policy only when the attribute is explicitly set, i.e. given with
   * a value other than its default.
   */
  public void checkWrite(RequestContext ctx, ResourceDef def, String action,
      Map<String, Object> given, Map<String, Object> raw) {
    if (ctx.isAdmin()) {
      return;
    }
    for (String attr : ADMIN_ONLY_WRITE.getOrDefault(def.collection(), Set.of())) {
      if (!raw.containsKey(attr)) {
        continue;
      }
      AttributeSpec spec = def.attribute(attr);
      Object value = given.get(attr);
      boolean isDefault = spec != null && spec.hasDefault()
          && spec.defaultValue() != AttributeSpec.NOT_SPECIFIED
          && java.util.Objects.equals(spec.defaultValue(), value);
      if (!isDefault) {
        throw Faults.forbidden("(rule:" + action + "_" + def.member() + " and rule:" + action + "_"
            + def.member() + ":" + attr + ") is disallowed by policy");
      }
    }
  }
}
