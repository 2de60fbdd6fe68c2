package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import io.neutrino.lib.validate.Converters;
import io.neutrino.lib.validate.Validators;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The L3 API: neutron_lib/api/definitions/l3.py (routers, floatingips, the interface actions) and
 * the router extensions the L3 router plugin supports in Zed: l3_ext_gw_mode (enable_snat),
 * extraroute, extraroute_atomic, dvr, router_admin_state_down_before_update, l3_ext_ha_mode,
 * l3_port_ip_change_not_allowed, router_availability_zone, fip_port_details and
 * floatingip_pools.
 */
public final class L3 {
  private L3() {}

  public static final String ROUTERS = "routers";
  public static final String FLOATINGIPS = "floatingips";
  public static final String FLOATINGIP_POOLS = "floatingip_pools";
  private static final String UPDATED = "2012-07-20T10:00:00-00:00";

  /** external_gateway_info's dict validator, with ext-gw-mode's enable_snat. */
  public static Map<String, Object> gatewayInfoSpec() {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("network_id", Map.of("type:uuid", "", "required", true));
    Map<String, Object> ips = new LinkedHashMap<>();
    ips.put("type:fixed_ips", "");
    ips.put("required", false);
    spec.put("external_fixed_ips", ips);
    Map<String, Object> snat = new LinkedHashMap<>();
    snat.put("type:boolean", "");
    snat.put("required", false);
    snat.put("convert_to", (io.neutrino.lib.validate.Converter) Converters::toBoolean);
    spec.put("enable_snat", snat);
    return spec;
  }

  public static ResourceDef routers() {
    return ResourceDef.of(ROUTERS, "router", "Router", List.of(
        Attrs.id(),
        Attrs.name(),
        Attrs.adminStateUp(),
        Attrs.status(),
        Attrs.projectId(),
        Attrs.tenantId(),
        attr("external_gateway_info").post().put().dflt(null).enforcePolicy()
            .validate(Validators.named("type:dict_or_nodata", gatewayInfoSpec())).visible().build(),
        Attrs.description(),
        Attrs.createdAt(),
        Attrs.updatedAt(),
        Attrs.revisionNumber(),
        Attrs.tags(),
        // l3-flavors is not offered: routers have no flavor
        attr("flavor_id").visible().build()));
  }

  public static ResourceDef floatingips() {
    return ResourceDef.of(FLOATINGIPS, "floatingip", "Floating IP", List.of(
        Attrs.id(),
        attr("floating_ip_address").post().dflt(null)
            .validate(Validators.named("type:ip_address_or_none", null)).enforcePolicy().visible()
            .filter().sortKey().build(),
        attr("subnet_id").post().dflt(null).validate(Validators.named("type:uuid_or_none", null))
            .build(),
        attr("floating_network_id").post().validate(Validators.named("type:uuid", null))
            .visible().filter().sortKey().build(),
        attr("router_id").validate(Validators.named("type:uuid_or_none", null)).visible().filter()
            .sortKey().build(),
        attr("port_id").post().put().dflt(null).validate(Validators.named("type:uuid_or_none", null))
            .requiredByPolicy().visible().filter().sortKey().build(),
        attr("fixed_ip_address").post().put().dflt(null)
            .validate(Validators.named("type:ip_address_or_none", null)).visible().filter()
            .sortKey().build(),
        Attrs.projectId(),
        Attrs.tenantId(),
        Attrs.status(),
        Attrs.description(),
        Attrs.createdAt(),
        Attrs.updatedAt(),
        Attrs.revisionNumber(),
        Attrs.tags()));
  }

  public static ResourceDef floatingipPools() {
    return ResourceDef.of(FLOATINGIP_POOLS, "floatingip_pool", "Floating IP pool", List.of(
        attr("subnet_id").visible().filter().build(),
        attr("subnet_name").visible().filter().build(),
        attr("cidr").visible().filter().build(),
        attr("network_id").visible().filter().build(),
        Attrs.projectId(),
        Attrs.tenantId()));
  }

  public static ExtensionDef router() {
    return new ExtensionDef("router", "Neutron L3 Router",
        "Router abstraction for basic L3 forwarding between L2 Neutron networks and access to "
            + "external networks via a NAT gateway.", UPDATED,
        List.of(routers(), floatingips()), Map.of(),
        Map.of(ROUTERS, Set.of("add_router_interface", "remove_router_interface")),
        List.of("external-net"));
  }

  public static ExtensionDef extGwMode() {
    return new ExtensionDef("ext-gw-mode", "Neutron L3 Configurable external gateway mode",
        "Extension of the router abstraction for specifying whether SNAT should occur on the "
            + "external gateway", "2013-03-28T10:00:00-00:00",
        List.of(), Map.of(), Map.of(), List.of("router"));
  }

  public static ExtensionDef extraroute() {
    return new ExtensionDef("extraroute", "Neutron Extra Route", "Extra routes configuration for L3 router",
        "2013-02-01T10:00:00-00:00", List.of(),
        Map.of(ROUTERS, List.of(attr("routes").put().dflt(AttributeSpec.NOT_SPECIFIED)
            .convert(Converters::noneToEmptyList).validate(Validators.named("type:hostroutes", null))
            .visible().build())),
        Map.of(), List.of("router"));
  }

  public static ExtensionDef extrarouteAtomic() {
    return new ExtensionDef("extraroute-atomic", "Atomically add/remove extra routes",
        "Edit extra routes of a router on server side by atomically adding/removing extra routes",
        "2019-07-10T00:00:00+00:00", List.of(), Map.of(),
        Map.of(ROUTERS, Set.of("add_extraroutes", "remove_extraroutes")), List.of("router", "extraroute"));
  }

  public static ExtensionDef dvr() {
    return new ExtensionDef("dvr", "Distributed Virtual Router",
        "Enables configuration of Distributed Virtual Routers.", "2014-06-1T10:00:00-00:00",
        List.of(), Map.of(ROUTERS, List.of(attr("distributed").post().put()
            .dflt(AttributeSpec.NOT_SPECIFIED).convert(Converters::toBooleanIfNotNone)
            .enforcePolicy().visible().build())),
        Map.of(), List.of("router"));
  }

  public static ExtensionDef l3Ha() {
    return new ExtensionDef("l3-ha", "HA Router extension", "Adds HA capability to routers.",
        "2014-04-26T00:00:00-00:00", List.of(),
        Map.of(ROUTERS, List.of(attr("ha").post().put().dflt(AttributeSpec.NOT_SPECIFIED)
            .convert(Converters::toBooleanIfNotNone).enforcePolicy().visible().build())),
        Map.of(), List.of("router"));
  }

  /**
   * router_admin_state_down_before_update: changing {@code distributed} (or {@code ha}) of a router
   * needs it administratively down first; a shim (no schema), announcing that check.
   */
  public static ExtensionDef adminStateDownBeforeUpdate() {
    return new ExtensionDef("router-admin-state-down-before-update",
        "Enforce Router's Admin State Down Before Update Extension",
        "Ensure that the admin state of a router is DOWN (admin_state_up=False) before updating "
            + "the distributed attribute", "2019-07-02T15:56:00", List.of(), Map.of(), Map.of(),
        List.of("dvr"));
  }

  /**
   * l3_port_ip_change_not_allowed: the IPv4 addresses of a router's interface ports change only
   * through the router API; a shim announcing that check.
   */
  public static ExtensionDef portIpChangeNotAllowed() {
    return new ExtensionDef("l3-port-ip-change-not-allowed",
        "Prevent L3 router ports IP address change extension",
        "Prevent change of IP address for some L3 router ports", "2018-10-09T10:00:00-00:00",
        List.of(), Map.of(), Map.of(), List.of("router"));
  }

  public static ExtensionDef routerAvailabilityZone() {
    return new ExtensionDef("router_availability_zone", "Router Availability Zone",
        "Availability zone support for router.", "2015-01-01T10:00:00-00:00", List.of(),
        Map.of(ROUTERS, List.of(
            attr("availability_zone_hints").post().dflt(List.of())
                .validate(Validators.named("type:availability_zone_hint_list", null)).visible().build(),
            attr("availability_zones").visible().build())),
        Map.of(), List.of("router"));
  }

  public static ExtensionDef fipPortDetails() {
    return new ExtensionDef("fip-port-details", "Floating IP Port Details Extension",
        "Add port_details attribute to Floating IP resource", "2018-04-09T10:00:00-00:00", List.of(),
        Map.of(FLOATINGIPS, List.of(attr("port_details").visible().build())), Map.of(),
        List.of("router"));
  }

  public static ExtensionDef floatingipPoolsExtension() {
    return new ExtensionDef("floatingip-pools", "Floating IP Pools Extension",
        "Provides a floating IP pools API.", "2018-03-21T10:00:00-00:00",
        List.of(floatingipPools()), Map.of(), Map.of(), List.of("router"));
  }

  public static List<ExtensionDef> all() {
    return List.of(router(), extGwMode(), extraroute(), extrarouteAtomic(), dvr(), l3Ha(),
        adminStateDownBeforeUpdate(), portIpChangeNotAllowed(), routerAvailabilityZone(),
        fipPortDetails(), floatingipPoolsExtension());
  }
}
