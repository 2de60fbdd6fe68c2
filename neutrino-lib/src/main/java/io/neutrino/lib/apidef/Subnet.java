package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import io.neutrino.lib.validate.Converters;
import io.neutrino.lib.validate.Validators;
import java.util.List;

/**
 * subnets: neutron_lib/api/definitions/subnet.py plus subnet-service-types, segment, standard
 * attributes and default-subnetpools ({@code use_default_subnetpool}).
 */
public final class Subnet {
  private Subnet() {}

  public static final String COLLECTION = "subnets";
  public static final List<String> IPV6_MODES = List.of("dhcpv6-stateful", "dhcpv6-stateless", "slaac");

  public static ResourceDef definition() {
    return ResourceDef.of(COLLECTION, "subnet", "Subnet", List.of(
        Attrs.id(),
        Attrs.name(),
        attr("ip_version").post().convert(Converters::toInt)
            .validate(Validators.named("type:values", List.of(4, 6))).visible().filter().sortKey()
            .build(),
        attr("network_id").post().requiredByPolicy().validate(Validators.named("type:uuid", null))
            .visible().filter().sortKey().build(),
        attr("subnetpool_id").post().dflt(AttributeSpec.NOT_SPECIFIED).requiredByPolicy()
            .validate(Validators.named("type:uuid_or_none", null)).visible().filter().sortKey()
            .build(),
        attr("prefixlen").post().dflt(AttributeSpec.NOT_SPECIFIED).convert(Converters::toInt)
            .validate(Validators.named("type:non_negative", null)).build(),
        attr("cidr").post().dflt(AttributeSpec.NOT_SPECIFIED)
            .validate(Validators.named("type:subnet_or_none", null)).visible().filter().sortKey()
            .build(),
        attr("gateway_ip").post().put().dflt(AttributeSpec.NOT_SPECIFIED)
            .validate(Validators.named("type:ip_address_or_none", null)).visible().filter()
            .sortKey().build(),
        attr("allocation_pools").post().put().dflt(AttributeSpec.NOT_SPECIFIED)
            .validate(Validators.named("type:ip_pools", null)).visible().build(),
        attr("dns_nameservers").post().put().dflt(AttributeSpec.NOT_SPECIFIED)
            .convert(Converters::noneToEmptyList)
            .validate(Validators.named("type:nameservers", null)).visible().build(),
        attr("host_routes").post().put().dflt(AttributeSpec.NOT_SPECIFIED)
            .convert(Converters::noneToEmptyList)
            .validate(Validators.named("type:hostroutes", null)).visible().build(),
        Attrs.projectId(),
        Attrs.tenantId(),
        attr("enable_dhcp").post().put().dflt(true).convert(Converters::toBoolean).visible()
            .filter().sortKey().build(),
        attr("ipv6_ra_mode").post().dflt(AttributeSpec.NOT_SPECIFIED)
            .validate(Validators.named("type:values", IPV6_MODES)).visible().filter().sortKey()
            .build(),
        attr("ipv6_address_mode").post().dflt(AttributeSpec.NOT_SPECIFIED)
            .validate(Validators.named("type:values", IPV6_MODES)).visible().filter().sortKey()
            .build(),
        attr("shared").dflt(false).visible().filter().sortKey().build(),
        Attrs.description(),
        Attrs.createdAt(),
        Attrs.updatedAt(),
        Attrs.revisionNumber(),
        Attrs.tags(),
        attr("service_types").post().put().dflt(AttributeSpec.NOT_SPECIFIED)
            .validate(Validators.named("type:list_of_unique_strings", null)).visible().build(),
        attr("segment_id").post().put().dflt(null)
            .validate(Validators.named("type:uuid_or_none", null)).visible().filter().build(),
        attr("use_default_subnetpool").post().dflt(false).convert(Converters::toBoolean).build(),
        attr("dns_publish_fixed_ip").post().put().dflt(false).convert(Converters::toBoolean)
            .visible().build()));
  }
}
