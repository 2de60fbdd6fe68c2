package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import io.neutrino.lib.validate.Validators;
import java.util.List;
import java.util.Map;

/**
 * rbac-policies: neutron/extensions/rbac.py (Zed: target_tenant), and the shim extensions that
 * announce the object types beyond networks: rbac-security-groups, rbac-address-scope,
 * rbac-subnetpool and rbac-address-group (neutron_lib/api/definitions/rbac_*.py). QoS policies
 * need no alias of their own: the qos extension brings them.
 */
public final class RbacPolicy {
  private RbacPolicy() {}

  public static final String COLLECTION = "rbac-policies";
  public static final String ALIAS = "rbac-policies";
  /** Every object type Neutron Zed knows; the server serves those whose plugin is loaded. */
  public static final List<String> OBJECT_TYPES = List.of("network", "qos_policy", "security_group",
      "address_scope", "subnetpool", "address_group");
  public static final List<String> ACTIONS = List.of("access_as_shared", "access_as_external");

  public static ResourceDef definition() {
    return ResourceDef.of(COLLECTION, "rbac_policy", "RBAC policy", List.of(
        Attrs.id(),
        attr("object_type").post().convert(RbacPolicy::normalizeObjectType)
            .validate(Validators.named("type:values", OBJECT_TYPES)).visible().filter().sortKey()
            .build(),
        attr("object_id").post().validate(Validators.named("type:uuid", null)).visible().filter()
            .sortKey().build(),
        attr("target_tenant").post().put().validate(Validators.named("type:string", 255))
            .enforcePolicy().visible().filter().sortKey().build(),
        attr("action").post().validate(Validators.named("type:values", ACTIONS)).visible().filter()
            .sortKey().build(),
        Attrs.projectId(),
        Attrs.tenantId()));
  }

  /** convert_valid_object_type's normalisation: surrounding blanks dropped, lower case. */
  public static Object normalizeObjectType(Object value) {
    return value instanceof String s ? s.strip().toLowerCase(java.util.Locale.ROOT) : value;
  }

  public static ExtensionDef securityGroups() {
    return shim("rbac-security-groups", "Add security_group type to network RBAC",
        "2019-02-14T00:00:00-00:00", List.of(ALIAS, SecurityGroup.ALIAS));
  }

  public static ExtensionDef addressScope() {
    return shim("rbac-address-scope", "Add address_scope type to RBAC", "2020-02-12T00:00:00-00:00",
        List.of(ALIAS, AddressScope.ALIAS));
  }

  public static ExtensionDef subnetpool() {
    return shim("rbac-subnetpool", "Add subnetpool type to RBAC", "2020-02-05T00:00:00-00:00",
        List.of(ALIAS, "rbac-address-scope"));
  }

  public static ExtensionDef addressGroup() {
    return new ExtensionDef("rbac-address-group", "Add address_group type to RBAC",
        "Add address_group type to network RBAC", "2021-01-20T00:00:00-00:00", List.of(), Map.of(),
        Map.of(), List.of(ALIAS, SecurityGroup.ALIAS));
  }

  private static ExtensionDef shim(String alias, String name, String updated, List<String> requires) {
    return new ExtensionDef(alias, name, name, updated, List.of(), Map.of(), Map.of(), requires);
  }

  public static ExtensionDef extension() {
    return new ExtensionDef(ALIAS, "RBAC Policies",
        "Allows creation and modification of policies that control tenant access to resources.",
        "2015-06-17T12:15:12-00:00", List.of(definition()), Map.of(), Map.of(), List.of());
  }
}
