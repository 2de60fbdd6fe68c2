package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import io.neutrino.lib.validate.Converters;
import io.neutrino.lib.validate.Validators;
import java.util.List;
import java.util.Map;

/**
 * address-scopes: neutron_lib/api/definitions/address_scope.py. The extension also owns
 * {@code address_scope_id} on subnetpools and the read-only {@code ipv4_address_scope} /
 * {@code ipv6_address_scope} of networks. Address scopes are not standard-attribute resources:
 * no description, timestamps, revision or tags.
 */
public final class AddressScope {
  private AddressScope() {}

  public static final String COLLECTION = "address-scopes";
  public static final String ALIAS = "address-scope";

  public static ResourceDef definition() {
    return ResourceDef.of(COLLECTION, "address_scope", "Address scope", List.of(
        Attrs.id(),
        Attrs.name(),
        Attrs.projectId(),
        Attrs.tenantId(),
        attr("shared").post().put().dflt(false).convert(Converters::toBoolean).requiredByPolicy()
            .enforcePolicy().visible().filter().sortKey().build(),
        attr("ip_version").post().convert(Converters::toInt)
            .validate(Validators.named("type:values", List.of(4, 6))).visible().filter().sortKey()
            .build()));
  }

  public static AttributeSpec subnetpoolAddressScopeId() {
    return attr("address_scope_id").post().put().dflt(AttributeSpec.NOT_SPECIFIED)
        .validate(Validators.named("type:uuid_or_none", null)).visible().filter().sortKey().build();
  }

  public static ExtensionDef extension() {
    return new ExtensionDef(ALIAS, "Address scope", "Address scopes extension.",
        "2015-07-26T10:00:00-00:00", List.of(definition()),
        Map.of(Subnetpool.COLLECTION, List.of(subnetpoolAddressScopeId()),
            Network.COLLECTION, List.of(attr("ipv4_address_scope").visible().build(),
                attr("ipv6_address_scope").visible().build())),
        Map.of(), List.of());
  }
}
