package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import io.neutrino.lib.validate.Converters;
import io.neutrino.lib.validate.Validators;
import java.util.List;

/**
 * networks: neutron_lib/api/definitions/network.py plus the attributes of the extensions ML2
 * supports by default (net-mtu(-writable), external-net, port-security, availability zones,
 * address scopes, provider, standard attributes).
 */
public final class Network {
  private Network() {}

  public static final String COLLECTION = "networks";

  public static ResourceDef definition() {
    return ResourceDef.of(COLLECTION, "network", "Network", List.of(
        Attrs.id(),
        Attrs.name(),
        attr("subnets").dflt(List.of()).visible().filter().build(),
        Attrs.adminStateUp(),
        Attrs.status(),
        Attrs.projectId(),
        Attrs.tenantId(),
        attr("shared").post().put().dflt(false).convert(Converters::toBoolean).requiredByPolicy()
            .enforcePolicy().visible().filter().sortKey().build(),
        Attrs.description(),
        Attrs.createdAt(),
        Attrs.updatedAt(),
        Attrs.revisionNumber(),
        Attrs.tags(),
        // net-mtu-writable: settable, defaults to the largest the segments allow.
        attr("mtu").post().put().dflt(AttributeSpec.NOT_SPECIFIED).convert(Converters::toInt)
            .validate(Validators.named("type:non_negative", null)).visible().filter().sortKey()
            .build(),
        // external-net
        attr("router:external").post().put().dflt(AttributeSpec.NOT_SPECIFIED).convert(Converters::toBoolean).enforcePolicy()
            .visible().filter().build(),
        // port-security
        attr("port_security_enabled").post().put().dflt(true).convert(Converters::toBoolean)
            .enforcePolicy().visible().build(),
        // network_availability_zone
        attr("availability_zone_hints").post().dflt(List.of())
            .validate(Validators.named("type:availability_zone_hint_list", null)).visible().build(),
        attr("availability_zones").visible().build(),
        // address-scope
        attr("ipv4_address_scope").visible().build(),
        attr("ipv6_address_scope").visible().build(),
        // provider and multi-provider (admin only by policy)
        attr("provider:network_type").post().put().dflt(AttributeSpec.NOT_SPECIFIED)
            .validate(Validators.named("type:string", 255)).enforcePolicy().visible().filter()
            .build(),
        attr("provider:physical_network").post().put().dflt(AttributeSpec.NOT_SPECIFIED)
            .validate(Validators.named("type:string", 64)).enforcePolicy().visible().filter()
            .build(),
        attr("provider:segmentation_id").post().put().dflt(AttributeSpec.NOT_SPECIFIED).convert(Converters::toInt).enforcePolicy()
            .visible().filter().build(),
        // multi-provider: a list of provider segments; checked by the core plugin
        attr("segments").post().put().dflt(AttributeSpec.NOT_SPECIFIED).enforcePolicy().visible().build(),
        attr("l2_adjacency").visible().build()));
  }
}
