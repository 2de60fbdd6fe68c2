package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import io.neutrino.lib.validate.Converters;
import io.neutrino.lib.validate.Validators;
import java.util.List;

/** subnetpools: neutron_lib/api/definitions/subnetpool.py plus standard attributes. */
public final class Subnetpool {
  private Subnetpool() {}

  public static final String COLLECTION = "subnetpools";

  public static ResourceDef definition() {
    return ResourceDef.of(COLLECTION, "subnetpool", "Subnet pool", List.of(
        Attrs.id(),
        attr("name").post().put().validate(Validators.named("type:not_empty_string", null))
            .visible().filter().sortKey().build(),
        Attrs.projectId(),
        Attrs.tenantId(),
        attr("prefixes").post().put().validate(Validators.named("type:subnet_list", null))
            .visible().build(),
        attr("default_quota").post().put().dflt(AttributeSpec.NOT_SPECIFIED)
            .convert(Converters::toInt).validate(Validators.named("type:non_negative", null))
            .visible().filter().sortKey().build(),
        attr("ip_version").visible().filter().sortKey().build(),
        attr("default_prefixlen").post().put().dflt(AttributeSpec.NOT_SPECIFIED)
            .convert(Converters::toInt).validate(Validators.named("type:non_negative", null))
            .visible().filter().sortKey().build(),
        attr("min_prefixlen").post().put().dflt(AttributeSpec.NOT_SPECIFIED)
            .convert(Converters::toInt).validate(Validators.named("type:non_negative", null))
            .visible().filter().sortKey().build(),
        attr("max_prefixlen").post().put().dflt(AttributeSpec.NOT_SPECIFIED)
            .convert(Converters::toInt).validate(Validators.named("type:non_negative", null))
            .visible().filter().sortKey().build(),
        attr("is_default").post().put().dflt(false).convert(Converters::toBoolean)
            .requiredByPolicy().enforcePolicy().visible().filter().sortKey().build(),
        attr("shared").post().dflt(false).convert(Converters::toBoolean).requiredByPolicy()
            .enforcePolicy().visible().filter().sortKey().build(),
        attr("address_scope_id").post().put().dflt(AttributeSpec.NOT_SPECIFIED)
            .validate(Validators.named("type:uuid_or_none", null)).visible().filter().sortKey()
            .build(),
        Attrs.description(),
        Attrs.createdAt(),
        Attrs.updatedAt(),
        Attrs.revisionNumber(),
        Attrs.tags()));
  }
}
