package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import io.neutrino.lib.validate.Validators;
import java.util.List;
import java.util.Map;

/** rbac-policies: neutron_lib/api/definitions/rbac_policies.py (Zed: target_tenant). */
public final class RbacPolicy {
  private RbacPolicy() {}

  public static final String COLLECTION = "rbac_policies";
  public static final List<String> OBJECT_TYPES = List.of("network");
  public static final List<String> ACTIONS = List.of("access_as_shared", "access_as_external");

  public static ResourceDef definition() {
    return ResourceDef.of(COLLECTION, "rbac_policy", "RBAC policy", List.of(
        Attrs.id(),
        attr("object_type").post().validate(Validators.named("type:values", OBJECT_TYPES))
            .visible().filter().sortKey().build(),
        attr("object_id").post().validate(Validators.named("type:uuid", null)).visible().filter()
            .sortKey().build(),
        attr("target_tenant").post().put().validate(Validators.named("type:string", 255))
            .enforcePolicy().visible().filter().sortKey().build(),
        attr("action").post().validate(Validators.named("type:values", ACTIONS)).visible().filter()
            .sortKey().build(),
        Attrs.projectId(),
        Attrs.tenantId()));
  }

  public static ExtensionDef extension() {
    return new ExtensionDef("rbac-policies", "RBAC Policies",
        "Allows creation and modification of policies that control tenant access to resources.",
        "2015-06-17T12:15:12-00:00", List.of(definition()), Map.of(), Map.of(), List.of());
  }
}
