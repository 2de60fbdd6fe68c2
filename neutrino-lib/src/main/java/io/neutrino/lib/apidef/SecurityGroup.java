package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import io.neutrino.lib.validate.Converters;
import io.neutrino.lib.validate.Validators;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * security-groups and security-group-rules (neutron/extensions/securitygroup.py) with the
 * attributes of stateful-security-group, security-groups-normalized-cidr and the read side of
 * shared, plus {@code security_groups} added to ports.
 *
 * <p>Neutron's converters for protocol, ethertype, ports and remote_ip_prefix raise their own
 * faults (SecurityGroupRuleInvalidProtocol, SecurityGroupInvalidPortValue …); here the schema
 * converters only normalise values that are valid and leave the others as given, and the plugin
 * refuses those with Neutron's fault types and messages. Filters get the same normalisation.
 */
public final class SecurityGroup {
  private SecurityGroup() {}

  public static final String GROUPS = "security-groups";
  public static final String RULES = "security-group-rules";
  public static final String ALIAS = "security-group";
  public static final List<String> ETHERTYPES = List.of("IPv4", "IPv6");

  public static ResourceDef groups() {
    return ResourceDef.of(GROUPS, "security_group", "Security group", List.of(
        Attrs.id(),
        attr("name").post().put().dflt("")
            .validate(Validators.named("type:string", Attrs.NAME_MAX_LEN)).visible().filter()
            .sortKey().build(),
        Attrs.projectId(),
        Attrs.tenantId(),
        Attrs.description(),
        attr("security_group_rules").visible().build(),
        // security-groups-shared-filtering: whether the group is shared with the caller's project
        // (or all) by an RBAC policy; a filter with the same meaning.
        attr("shared").convert(Converters::toBoolean).requiredByPolicy().enforcePolicy()
            .visible().filter().build(),
        Attrs.createdAt(),
        Attrs.updatedAt(),
        Attrs.revisionNumber(),
        Attrs.tags()));
  }

  public static ResourceDef rules() {
    return ResourceDef.of(RULES, "security_group_rule", "Security group rule", List.of(
        Attrs.id(),
        attr("security_group_id").post().requiredByPolicy()
            .validate(Validators.named("type:string", 36)).visible().filter().sortKey().build(),
        attr("remote_group_id").post().dflt(null).visible().filter().sortKey().build(),
        attr("direction").post()
            .validate(Validators.named("type:values", List.of("ingress", "egress"))).visible()
            .filter().sortKey().build(),
        attr("protocol").post().dflt(null).convert(SecurityGroup::lenientProtocol).visible()
            .filter().sortKey().build(),
        attr("port_range_min").post().dflt(null).convert(SecurityGroup::lenientPort).visible()
            .filter().sortKey().build(),
        attr("port_range_max").post().dflt(null).convert(SecurityGroup::lenientPort).visible()
            .filter().sortKey().build(),
        attr("ethertype").post().dflt("IPv4").convert(SecurityGroup::lenientEthertype).visible()
            .filter().sortKey().build(),
        attr("remote_ip_prefix").post().dflt(null).visible().filter().sortKey().build(),
        Attrs.projectId(),
        Attrs.tenantId(),
        Attrs.description(),
        Attrs.createdAt(),
        Attrs.updatedAt(),
        Attrs.revisionNumber()));
  }

  /** The security_groups attribute of ports. */
  public static AttributeSpec portSecurityGroups() {
    return attr("security_groups").post().put().dflt(AttributeSpec.NOT_SPECIFIED)
        .convert(Converters::noneToEmptyList).validate(Validators.named("type:uuid_list", null))
        .visible().filter().build();
  }

  public static ExtensionDef extension() {
    return new ExtensionDef(ALIAS, "security-group", "The security groups extension.",
        "2012-10-05T10:00:00-00:00", List.of(groups(), rules()),
        Map.of("ports", List.of(portSecurityGroups())), Map.of(),
        List.of("standard-attr-description"));
  }

  public static ExtensionDef stateful() {
    return new ExtensionDef("stateful-security-group", "Stateful security group",
        "Indicates if the security group is stateful or not", "2019-11-26T09:00:00-00:00",
        List.of(), Map.of(GROUPS, List.of(attr("stateful").post().put().dflt(true)
            .convert(Converters::toBoolean).visible().filter().build())),
        Map.of(), List.of(ALIAS));
  }

  public static ExtensionDef normalizedCidr() {
    return new ExtensionDef("security-groups-normalized-cidr",
        "Normalized CIDR field for security group rules",
        "Add new field with normalized remote_ip_prefix cidr in SG rule",
        "2020-07-28T10:00:00-00:00", List.of(),
        Map.of(RULES, List.of(attr("normalized_cidr")
            .validate(Validators.named("type:subnet_or_none", null)).visible().filter().sortKey()
            .build())),
        Map.of(), List.of(ALIAS));
  }

  /** The {@code shared} attribute above, announced once groups can be shared (rbac-security-groups). */
  public static ExtensionDef sharedFiltering() {
    return new ExtensionDef("security-groups-shared-filtering",
        "Security group filtering on the shared field",
        "Support filtering security groups on the shared field", "2021-10-05T09:00:00-00:00",
        List.of(), Map.of(), Map.of(), List.of("rbac-security-groups"));
  }

  public static ExtensionDef portFiltering() {
    return ExtensionDef.marker("port-security-groups-filtering",
        "Port filtering on security groups",
        "Provides security groups filtering when listing ports", "2018-01-09T09:00:00-00:00");
  }

  /** convert_protocol for valid values (name lower-cased, number 0-255 as a string). */
  public static Object lenientProtocol(Object value) {
    if (value instanceof Number n && !(value instanceof Double) && !(value instanceof Float)) {
      long v = n.longValue();
      return v >= 0 && v <= 255 ? Long.toString(v) : value;
    }
    if (value instanceof String s) {
      try {
        long v = Long.parseLong(s.trim());
        return v >= 0 && v <= 255 ? s : value;
      } catch (NumberFormatException e) {
        return s.toLowerCase(Locale.ROOT);
      }
    }
    return value;
  }

  /** convert_ethertype_to_case_insensitive for valid values. */
  public static Object lenientEthertype(Object value) {
    if (value instanceof String s) {
      for (String e : ETHERTYPES) {
        if (e.equalsIgnoreCase(s)) {
          return e;
        }
      }
    }
    return value;
  }

  /** convert_validate_port_value for valid values (0-65535 as an integer). */
  public static Object lenientPort(Object value) {
    Long v = null;
    if (value instanceof Number n && !(value instanceof Boolean)) {
      v = n.longValue();
    } else if (value instanceof String s) {
      try {
        v = Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        return value;
      }
    }
    return v != null && v >= 0 && v <= 65535 ? Integer.valueOf(v.intValue()) : value;
  }
}
