package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import io.neutrino.lib.validate.Converters;
import io.neutrino.lib.validate.Validators;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * address-groups (neutron_lib/api/definitions/address_group.py) with the add_addresses /
 * remove_addresses member actions, and security-groups-remote-address-group
 * (security_groups_remote_address_group.py), which lets a security group rule name an address
 * group as its remote.
 */
public final class AddressGroup {
  private AddressGroup() {}

  public static final String COLLECTION = "address-groups";
  public static final String ALIAS = "address-group";

  public static ResourceDef definition() {
    return ResourceDef.of(COLLECTION, "address_group", "Address group", List.of(
        Attrs.id(),
        Attrs.name(),
        attr("description").post().put().dflt("").validate(Validators.named("type:string", 1024))
            .visible().filter().sortKey().build(),
        Attrs.projectId(),
        Attrs.tenantId(),
        attr("addresses").post().dflt(AttributeSpec.NOT_SPECIFIED)
            .convert(Converters::noneToEmptyList).validate(Validators.named("type:subnet_list", null))
            .visible().build(),
        // Whether the group is shared with the caller (rbac-address-group): never shown, read by
        // the policy rule shared_address_groups.
        attr("shared").dflt(false).convert(Converters::toBoolean).build()));
  }

  public static ExtensionDef extension() {
    return new ExtensionDef(ALIAS, "Address group", "Support address group",
        "2020-07-15T10:00:00-00:00", List.of(definition()), Map.of(),
        Map.of(COLLECTION, Set.of("add_addresses", "remove_addresses")),
        List.of(SecurityGroup.ALIAS));
  }

  public static ExtensionDef remoteAddressGroup() {
    return new ExtensionDef("security-groups-remote-address-group",
        "Remote address group id field for security group rules",
        "Add new field of remote address group id in SG rules", "2020-08-25T10:00:00-00:00",
        List.of(),
        Map.of(SecurityGroup.RULES, List.of(attr("remote_address_group_id").post().dflt(null)
            .visible().filter().sortKey().build())),
        Map.of(), List.of(SecurityGroup.ALIAS));
  }
}
