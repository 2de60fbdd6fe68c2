package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import io.neutrino.lib.validate.Converters;
import io.neutrino.lib.validate.Validators;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The QoS API: neutron_lib/api/definitions/qos.py (policies, rule types, the bandwidth limit, DSCP
 * marking and minimum bandwidth rules as sub-resources of a policy, qos_policy_id on networks and
 * ports) and the QoS extensions of Zed's QoS plugin: qos-bw-limit-direction, qos-default,
 * qos-rule-type-details, qos-rule-type-filter, qos-bw-minimum-ingress, qos-rules-alias,
 * qos-port-network-policy, qos-pps, qos-pps-minimum, qos-pps-minimum-rule-alias,
 * port-resource-request and port-resource-request-groups. Collections whose neutron-lib names have
 * '_' and are built with translate_name are served with '-' ({@code /qos/rule-types}, {@code
 * /qos/alias-bandwidth-limit-rules}).
 *
 * <p>Split by who implements it: the service plugin serves the QoS resources ({@link
 * #pluginExtensions()}), ML2's qos extension driver the attributes on networks and ports ({@link
 * #ml2DriverExtensions()}); both parts of {@code qos} merge into one extension.
 */
public final class Qos {
  private Qos() {}

  public static final String POLICIES = "policies";
  public static final String RULE_TYPES = "rule-types";
  public static final String ALIAS_PREFIX = "alias-";

  /** neutron_lib.db.constants.DB_INTEGER_MAX_VALUE */
  public static final int DB_INTEGER_MAX = Integer.MAX_VALUE;
  public static final List<Integer> VALID_DSCP_MARKS =
      List.of(0, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40, 46, 48, 56);
  public static final List<String> VALID_DIRECTIONS = List.of("ingress", "egress");
  public static final List<String> VALID_DIRECTIONS_AND_ANY = List.of("any", "ingress", "egress");

  /** One rule type: its name, its sub-resource collection and its own parameters. */
  public record RuleType(String type, String collection, List<String> parameters) {
    public String member() {
      return collection.substring(0, collection.length() - 1);
    }

    public String aliasCollection() {
      return ALIAS_PREFIX + collection.replace('_', '-');
    }

    /** The schema and handler key of the rules as a sub-resource of policies. */
    public String key() {
      return POLICIES + "/" + collection;
    }
  }

  public static final RuleType BANDWIDTH_LIMIT = new RuleType("bandwidth_limit",
      "bandwidth_limit_rules", List.of("max_kbps", "max_burst_kbps", "direction"));
  public static final RuleType DSCP_MARKING =
      new RuleType("dscp_marking", "dscp_marking_rules", List.of("dscp_mark"));
  public static final RuleType MINIMUM_BANDWIDTH = new RuleType("minimum_bandwidth",
      "minimum_bandwidth_rules", List.of("min_kbps", "direction"));
  public static final RuleType PACKET_RATE_LIMIT = new RuleType("packet_rate_limit",
      "packet_rate_limit_rules", List.of("max_kpps", "max_burst_kpps", "direction"));
  public static final RuleType MINIMUM_PACKET_RATE = new RuleType("minimum_packet_rate",
      "minimum_packet_rate_rules", List.of("min_kpps", "direction"));

  /** qos_consts.VALID_RULE_TYPES, in Neutron's order. */
  public static final List<RuleType> RULE_TYPE_LIST = List.of(BANDWIDTH_LIMIT, DSCP_MARKING,
      MINIMUM_BANDWIDTH, PACKET_RATE_LIMIT, MINIMUM_PACKET_RATE);

  private static AttributeSpec kbps(String name, boolean post, boolean dfltZero) {
    var b = attr(name).put().convert(Converters::toInt)
        .validate(Validators.named("type:range", List.of(0, DB_INTEGER_MAX))).visible().filter()
        .sortKey();
    if (post) {
      b.post();
    }
    if (dfltZero) {
      b.dflt(0);
    }
    return b.build();
  }

  private static AttributeSpec direction(List<String> values, boolean post) {
    var b = attr("direction").put().dflt("egress").validate(Validators.named("type:values", values))
        .visible().filter().sortKey();
    if (post) {
      b.post();
    }
    return b.build();
  }

  private static AttributeSpec dscpMark(boolean post) {
    var b = attr("dscp_mark").put().convert(Converters::toInt)
        .validate(Validators.named("type:values", VALID_DSCP_MARKS)).visible().filter().sortKey();
    if (post) {
      b.post();
    }
    return b.build();
  }

  /** _QOS_RULE_COMMON_FIELDS: id and the caller's project (used by policy, never stored). */
  private static List<AttributeSpec> common(List<AttributeSpec> own) {
    List<AttributeSpec> all = new ArrayList<>();
    all.add(Attrs.id());
    all.add(attr("tenant_id").post().requiredByPolicy().visible().build());
    all.add(attr("project_id").post().requiredByPolicy().visible().build());
    all.addAll(own);
    return all;
  }

  /** The alias resources' common fields: tenant_id is read only there. */
  private static List<AttributeSpec> aliasCommon(List<AttributeSpec> own) {
    List<AttributeSpec> all = new ArrayList<>();
    all.add(Attrs.id());
    all.add(attr("tenant_id").requiredByPolicy().visible().build());
    all.addAll(own);
    return all;
  }

  private static ResourceDef rule(RuleType t, String label, List<AttributeSpec> own) {
    return ResourceDef.of(t.collection(), t.member(), label, common(own)).under(POLICIES);
  }

  public static ResourceDef policies() {
    return ResourceDef.of(POLICIES, "policy", "QoS policy", List.of(
        Attrs.id(),
        Attrs.name(),
        attr("shared").post().put().dflt(false).convert(Converters::toBoolean).visible().filter()
            .build(),
        Attrs.projectId(),
        Attrs.tenantId(),
        attr("rules").visible().build(),
        Attrs.description(),
        Attrs.createdAt(),
        Attrs.updatedAt(),
        Attrs.revisionNumber(),
        Attrs.tags()));
  }

  public static ResourceDef ruleTypes() {
    return ResourceDef.of(RULE_TYPES, "rule_type", "QoS rule type", List.of(
        attr("type").visible().build()));
  }

  public static ResourceDef bandwidthLimitRules() {
    return rule(BANDWIDTH_LIMIT, "QoS bandwidth limit rule",
        List.of(kbps("max_kbps", true, false), kbps("max_burst_kbps", true, true)));
  }

  public static ResourceDef dscpMarkingRules() {
    return rule(DSCP_MARKING, "QoS DSCP marking rule", List.of(dscpMark(true)));
  }

  public static ResourceDef minimumBandwidthRules() {
    return rule(MINIMUM_BANDWIDTH, "QoS minimum bandwidth rule",
        List.of(kbps("min_kbps", true, false), direction(List.of("egress"), true)));
  }

  public static ResourceDef packetRateLimitRules() {
    return rule(PACKET_RATE_LIMIT, "QoS packet rate limit rule", List.of(
        kbps("max_kpps", true, false), kbps("max_burst_kpps", true, true),
        direction(VALID_DIRECTIONS, true)));
  }

  public static ResourceDef minimumPacketRateRules() {
    return rule(MINIMUM_PACKET_RATE, "QoS minimum packet rate rule", List.of(
        kbps("min_kpps", true, false), direction(VALID_DIRECTIONS_AND_ANY, true)));
  }

  private static ResourceDef alias(RuleType t, String label, List<AttributeSpec> own) {
    String collection = t.aliasCollection();
    return ResourceDef.of(collection, "alias_" + t.member(), label, aliasCommon(own));
  }

  private static AttributeSpec qosPolicyId() {
    return attr("qos_policy_id").post().put().dflt(null)
        .validate(Validators.named("type:uuid_or_none", null)).enforcePolicy().visible().build();
  }

  private static final String QOS_NAME = "Quality of Service";
  private static final String QOS_DESCRIPTION = "The Quality of Service extension.";
  private static final String QOS_UPDATED = "2015-06-08T10:00:00-00:00";

  /** The QoS plugin's part of {@code qos}: policies, rule types and the policies' rules. */
  public static ExtensionDef qos() {
    return new ExtensionDef("qos", QOS_NAME, QOS_DESCRIPTION, QOS_UPDATED,
        List.of(policies(), ruleTypes(), bandwidthLimitRules(), dscpMarkingRules(),
            minimumBandwidthRules()),
        Map.of(), Map.of(), List.of());
  }

  /**
   * ML2's qos extension driver's part of {@code qos}: qos_policy_id on networks and ports. Merged
   * with the plugin's part into one {@code qos} extension when both are loaded.
   */
  public static ExtensionDef qosPolicyOnNetworksAndPorts() {
    return new ExtensionDef("qos", QOS_NAME, QOS_DESCRIPTION, QOS_UPDATED, List.of(),
        Map.of(Network.COLLECTION, List.of(qosPolicyId()), Port.COLLECTION, List.of(qosPolicyId())),
        Map.of(), List.of());
  }

  public static ExtensionDef bwLimitDirection() {
    return new ExtensionDef("qos-bw-limit-direction", "Direction for QoS bandwidth limit rule",
        "Allow to configure QoS bandwidth limit rule with specific direction: ingress or egress",
        "2017-04-10T10:00:00-00:00", List.of(),
        Map.of(BANDWIDTH_LIMIT.key(),
            List.of(direction(VALID_DIRECTIONS, true))),
        Map.of(), List.of("qos"));
  }

  public static ExtensionDef qosDefault() {
    return new ExtensionDef("qos-default", "QoS default policy",
        "Expose the QoS default policy per project", "2017-041-06T10:00:00-00:00", List.of(),
        Map.of(POLICIES, List.of(attr("is_default").post().put().dflt(false)
            .convert(Converters::toBoolean).filter().visible().build())),
        Map.of(), List.of("qos"));
  }

  public static ExtensionDef ruleTypeDetails() {
    return new ExtensionDef("qos-rule-type-details", "Details of QoS rule types",
        "Expose details about QoS rule types supported by loaded backend drivers",
        "2017-06-22T10:00:00-00:00", List.of(),
        Map.of(RULE_TYPES, List.of(attr("drivers").visible().build())), Map.of(), List.of("qos"));
  }

  public static ExtensionDef ruleTypeFilter() {
    return new ExtensionDef("qos-rule-type-filter", "Allow to filter the list of QoS rule types",
        "Allows to filter the QoS rule type list adding two new flags. \"all_rules\" prints all "
            + "implemented QoS rule types.\"all_supported\" prints all supported QoS rule types "
            + "by the loaded mechanism drivers",
        "2022-02-02T10:00:00-00:00", List.of(),
        Map.of(RULE_TYPES, List.of(
            attr("all_rules").post().put().convert(Converters::toBooleanIfNotNone)
                .dflt(AttributeSpec.NOT_SPECIFIED).filter().build(),
            attr("all_supported").post().put().convert(Converters::toBooleanIfNotNone)
                .dflt(AttributeSpec.NOT_SPECIFIED).filter().build())),
        Map.of(), List.of("qos"));
  }

  public static ExtensionDef bwMinimumIngress() {
    return new ExtensionDef("qos-bw-minimum-ingress",
        "Ingress direction for QoS minimum bandwidth rule",
        "Allow to configure QoS minumum bandwidth rule with ingress direction.",
        "2018-07-09T10:00:00-00:00", List.of(),
        Map.of(MINIMUM_BANDWIDTH.key(),
            List.of(direction(VALID_DIRECTIONS, true))),
        Map.of(), List.of("qos"));
  }

  public static ExtensionDef rulesAlias() {
    return new ExtensionDef("qos-rules-alias", "Quality of Service rules alias API",
        "API to enable GET, PUT and DELETE operations on QoS policy rules without specifying "
            + "policy ID", "2018-10-07T10:00:00-00:00",
        List.of(
            alias(BANDWIDTH_LIMIT, "QoS bandwidth limit rule", List.of(kbps("max_kbps", false, false),
                direction(VALID_DIRECTIONS, false), kbps("max_burst_kbps", false, true))),
            alias(DSCP_MARKING, "QoS DSCP marking rule", List.of(dscpMark(false))),
            alias(MINIMUM_BANDWIDTH, "QoS minimum bandwidth rule",
                List.of(kbps("min_kbps", false, false), direction(VALID_DIRECTIONS, false)))),
        Map.of(), Map.of(), List.of("qos", "qos-bw-limit-direction"));
  }

  public static ExtensionDef portNetworkPolicy() {
    return new ExtensionDef("qos-port-network-policy", "QoS port network policy ID",
        "Adds a the QoS network ID to the port definition", "2019-11-01T10:00:00-00:00",
        List.of(), Map.of(Port.COLLECTION, List.of(attr("qos_network_policy_id").dflt(null)
            .validate(Validators.named("type:uuid_or_none", null)).visible().build())),
        Map.of(), List.of("qos"));
  }

  /**
   * port-resource-request (neutron_lib/api/definitions/port_resource_request.py): the Placement
   * resources and traits a port's minimum bandwidth and packet rate rules ask for, read only.
   */
  public static ExtensionDef portResourceRequest() {
    return new ExtensionDef("port-resource-request", "Port Resource Request",
        "Expose resource request to Port", "2018-05-08T10:00:00-00:00", List.of(),
        Map.of(Port.COLLECTION, List.of(attr("resource_request")
            .dflt(AttributeSpec.NOT_SPECIFIED).visible().build())),
        Map.of(), List.of());
  }

  /** port-resource-request-groups: resource_request as request groups (a shim, no attribute). */
  public static ExtensionDef portResourceRequestGroups() {
    return ExtensionDef.marker("port-resource-request-groups", "Port Resource Request Groups",
        "Support requesting multiple groups of resources and traits from the same RP subtree in "
            + "resource_request", "2021-08-02T10:00:00-00:00");
  }

  public static ExtensionDef pps() {
    return new ExtensionDef("qos-pps", "QoS Rule Type Packet per Second Extension",
        "Add QoS Rule Type Packet per Second", "2021-05-12T10:00:00-00:00",
        List.of(packetRateLimitRules()), Map.of(), Map.of(), List.of("qos"));
  }

  public static ExtensionDef ppsMinimum() {
    return new ExtensionDef("qos-pps-minimum", "QoS minimum packet rate rule",
        "Allow to configure QoS minimum packet rate rule.", "2021-07-14T10:00:00-00:00",
        List.of(minimumPacketRateRules()), Map.of(), Map.of(), List.of("qos"));
  }

  public static ExtensionDef ppsMinimumRuleAlias() {
    return new ExtensionDef("qos-pps-minimum-rule-alias", "QoS minimum packet rate rule alias",
        "API to enable GET, PUT and DELETE operations on QoS minimum packet rate rule without "
            + "specifying policy ID", "2021-10-22T10:00:00-00:00",
        List.of(alias(MINIMUM_PACKET_RATE, "QoS minimum packet rate rule",
            List.of(kbps("min_kpps", false, false), direction(VALID_DIRECTIONS_AND_ANY, false)))),
        Map.of(), Map.of(), List.of("qos", "qos-pps-minimum"));
  }

  /**
   * What the QoS service plugin implements of QoSPlugin.supported_extension_aliases: everything
   * but the parts on ports and networks, which {@link #ml2DriverExtensions()} bring.
   */
  public static List<ExtensionDef> pluginExtensions() {
    return List.of(qos(), bwLimitDirection(), qosDefault(), ruleTypeDetails(), ruleTypeFilter(),
        bwMinimumIngress(), rulesAlias(), pps(), ppsMinimum(), ppsMinimumRuleAlias());
  }

  /**
   * What ML2's qos extension driver implements (with the QoS plugin loaded): qos_policy_id on
   * networks and ports, the port's network policy and its resource request.
   */
  public static List<ExtensionDef> ml2DriverExtensions() {
    return List.of(qosPolicyOnNetworksAndPorts(), portNetworkPolicy(), portResourceRequest(),
        portResourceRequestGroups());
  }
}
