package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import io.neutrino.lib.validate.Converters;
import io.neutrino.lib.validate.Validators;
import java.util.List;
import java.util.Map;

/**
 * Floating IP port forwardings, a sub-resource of floating IPs
 * (neutron_lib/api/definitions/floating_ip_port_forwarding.py), with
 * floating-ip-port-forwarding-description (fip_pf_description.py) and
 * expose-port-forwarding-in-fip (port_forwardings shown on floating IPs).
 */
public final class PortForwarding {
  private PortForwarding() {}

  public static final String COLLECTION = "port_forwardings";
  public static final String KEY = L3.FLOATINGIPS + "/" + COLLECTION;
  public static final String ALIAS = "floating-ip-port-forwarding";
  /** neutron_lib.constants.IPTABLES_PROTOCOL_MAP's keys. */
  public static final List<String> PROTOCOLS =
      List.of("dccp", "icmp", "ipv6-icmp", "sctp", "tcp", "udp");

  /**
   * A single port; optional since floating-ip-port-forwarding-port-ranges (fip_pf_port_range.py),
   * where a side is given either as a port or as a range.
   */
  private static AttributeSpec port(String name) {
    var a = attr(name).post().put().dflt(null).convert(Converters::toIntIfNotNone)
        .validate(Validators.named("type:range_or_none", List.of(1, 65535))).visible();
    return (name.equals("external_port") ? a.sortKey().filter() : a).build();
  }

  /** {@code "low:high"} (or one port) of fip_pf_port_range; shown as {@code "low:high"}. */
  private static AttributeSpec portRange(String name) {
    var a = attr(name).post().put().dflt(null)
        .validate(Validators.named("type:port_range", List.of(1, 65535))).visible();
    return (name.equals("external_port_range") ? a.filter() : a).build();
  }

  public static ResourceDef definition() {
    return ResourceDef.of(COLLECTION, "port_forwarding", "Port Forwarding", List.of(
        Attrs.id(),
        attr("project_id").post().validate(Validators.named("type:string", 255))
            .requiredByPolicy().build(),
        // populate_project_info's twin of project_id; neither is shown
        attr("tenant_id").post().validate(Validators.named("type:string", 255))
            .requiredByPolicy().build(),
        port("external_port"),
        port("internal_port"),
        attr("internal_ip_address").post().put()
            .validate(Validators.named("type:ip_address", null)).visible().build(),
        attr("protocol").post().put().validate(Validators.named("type:values", PROTOCOLS))
            .visible().sortKey().filter().build(),
        attr("internal_port_id").post().put().validate(Validators.named("type:uuid", null))
            .visible().sortKey().filter().build())).under(L3.FLOATINGIPS);
  }

  public static ExtensionDef extension() {
    return new ExtensionDef(ALIAS, "Floating IP Port Forwarding",
        "Allow port forwarding from floating IP port to an internal port",
        "2018-01-19T10:00:00-00:00", List.of(definition()), Map.of(), Map.of(),
        List.of("router"));
  }

  public static ExtensionDef description() {
    return new ExtensionDef("floating-ip-port-forwarding-description",
        "Floating IP Port Forwarding new attribute description",
        "Add a description field to Port Forwarding rules", "2019-11-01T10:00:00-00:00", List.of(),
        Map.of(KEY, List.of(attr("description").post().put().dflt("")
            .validate(Validators.named("type:string", 1024)).visible().filter().build())),
        Map.of(), List.of(ALIAS));
  }

  /** floating-ip-port-forwarding-port-ranges: each side a range, N ports to N or to one. */
  public static ExtensionDef portRanges() {
    return new ExtensionDef("floating-ip-port-forwarding-port-ranges",
        "Floating IP Port Forwarding support port ranges", "Add suport to port ranges",
        "2020-07-01T10:00:00-00:00", List.of(),
        Map.of(KEY, List.of(portRange("external_port_range"), portRange("internal_port_range"))),
        Map.of(), List.of(ALIAS));
  }

  public static ExtensionDef exposeInFloatingIp() {
    return new ExtensionDef("expose-port-forwarding-in-fip", "Expose Floating IP port forwardings",
        "Expose port forwarding fields in floating IP response", "2018-06-28T16:00:00-00:00",
        List.of(), Map.of(L3.FLOATINGIPS, List.of(attr(COLLECTION).dflt(null).visible().build())),
        Map.of(), List.of("router", ALIAS));
  }

  public static List<ExtensionDef> all() {
    return List.of(extension(), description(), portRanges(), exposeInFloatingIp());
  }
}
