package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import io.neutrino.lib.validate.Converter;
import io.neutrino.lib.validate.Converters;
import io.neutrino.lib.validate.Validators;
import java.util.List;
import java.util.Map;

/**
 * ports: neutron_lib/api/definitions/port.py plus allowed-address-pairs, extra_dhcp_opt,
 * binding (portbindings) and standard attributes (security_groups is added by the security-group
 * extension, port_security_enabled by the port_security extension driver's {@link PortSecurity}).
 */
public final class Port {
  private Port() {}

  public static final String COLLECTION = "ports";
  public static final List<String> VNIC_TYPES = List.of("normal", "direct", "macvtap",
      "baremetal", "direct-physical", "virtio-forwarder", "smart-nic", "vdpa", "accelerator-direct",
      "accelerator-direct-physical", "remote-managed");

  /** extra_dhcp_opt's key specs: 'router' and 'classless-static-route' may have a blank value. */
  private static final List<Map<String, Object>> EXTRA_DHCP_OPT_KEY_SPECS = List.of(
      Map.of("opt_name", Map.of("type:values", List.of("router", "classless-static-route"), "required", true),
          "opt_value", mapOf("type:string_or_none", 255, "required", true),
          "ip_version", Map.of("convert_to", (Converter) Converters::toInt, "type:values", List.of(4, 6),
              "required", false)),
      Map.of("opt_name", Map.of("type:not_empty_string", 64, "required", true),
          "opt_value", mapOf("type:not_empty_string_or_none", 255, "required", true),
          "ip_version", Map.of("convert_to", (Converter) Converters::toInt, "type:values", List.of(4, 6),
              "required", false)));

  private static Map<String, Object> mapOf(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  public static ResourceDef definition() {
    return ResourceDef.of(COLLECTION, "port", "Port", List.of(
        Attrs.id(),
        Attrs.name(),
        attr("network_id").post().requiredByPolicy().validate(Validators.named("type:uuid", null))
            .visible().filter().sortKey().build(),
        Attrs.adminStateUp(),
        attr("mac_address").post().put().dflt(AttributeSpec.NOT_SPECIFIED)
            .convert(Converters::toSanitizedMac)
            .validate(Validators.named("type:mac_address", null)).enforcePolicy().visible()
            .filter().sortKey().build(),
        attr("fixed_ips").post().put().dflt(AttributeSpec.NOT_SPECIFIED)
            .validate(Validators.named("type:fixed_ips", null)).enforcePolicy().visible().filter()
            .build(),
        attr("device_id").post().put()
            .validate(Validators.named("type:string", Attrs.DEVICE_ID_MAX_LEN)).dflt("").visible()
            .filter().sortKey().build(),
        attr("device_owner").post().put()
            .validate(Validators.named("type:string", Attrs.DEVICE_ID_MAX_LEN)).dflt("")
            .enforcePolicy().visible().filter().sortKey().build(),
        Attrs.projectId(),
        Attrs.tenantId(),
        Attrs.status(),
        Attrs.description(),
        Attrs.createdAt(),
        Attrs.updatedAt(),
        Attrs.revisionNumber(),
        Attrs.tags(),
        attr("allowed_address_pairs").post().put().dflt(AttributeSpec.NOT_SPECIFIED)
            .convert(Converters::noneToEmptyList)
            .validate(Validators.named("type:allowed_address_pairs", null)).enforcePolicy()
            .visible().build(),
        attr("extra_dhcp_opts").post().put().dflt(AttributeSpec.NOT_SPECIFIED)
            .validate(Validators.named("type:list_of_any_key_specs_or_none", EXTRA_DHCP_OPT_KEY_SPECS)).visible()
            .build(),
        attr("binding:host_id").post().put().dflt(AttributeSpec.NOT_SPECIFIED).enforcePolicy()
            .visible().filter().build(),
        attr("binding:vnic_type").post().put().dflt("normal")
            .validate(Validators.named("type:values", VNIC_TYPES)).enforcePolicy().visible()
            .filter().build(),
        attr("binding:profile").post().put().dflt(AttributeSpec.NOT_SPECIFIED)
            .validate(Validators.named("type:dict_or_none", null)).enforcePolicy().visible()
            .build(),
        attr("binding:vif_type").enforcePolicy().visible().build(),
        attr("binding:vif_details").enforcePolicy().visible().build(),
        attr("ip_allocation").visible().build()));
  }
}
