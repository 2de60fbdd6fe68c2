package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import io.neutrino.lib.validate.Converters;
import io.neutrino.lib.validate.Validators;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * quotas: neutron/extensions/quotasv2.py (alias {@code quotas}, member action GET {@code default}),
 * quotasv2_detail.py ({@code quota_details}, member action GET {@code details}) and
 * neutron_lib/api/definitions/quota_check_limit.py ({@code quota-check-limit}). The member id of
 * {@code /quotas/{id}} is a project id. Every quota resource is one integer attribute (-1 is
 * unlimited, up to the database's INT maximum); {@code check_limit} and {@code force} are request
 * flags of an update, never shown.
 */
public final class Quota {
  private Quota() {}

  public static final String COLLECTION = "quotas";
  public static final String MEMBER = "quota";
  public static final String DEFAULT_ACTION = "default";
  public static final String DETAILS_ACTION = "details";
  /** neutron_lib.db.constants.DB_INTEGER_MAX_VALUE */
  public static final int DB_INTEGER_MAX_VALUE = Integer.MAX_VALUE;

  /** The quota resources of Neutron Zed with ML2, L3, security groups and RBAC loaded. */
  public static final List<String> RESOURCES = List.of("network", "subnet", "subnetpool", "port",
      "router", "floatingip", "security_group", "security_group_rule", "rbac_policy");

  public static ResourceDef definition(List<String> resources) {
    List<AttributeSpec> attrs = new ArrayList<>();
    attrs.add(attr("project_id").visible().build());
    attrs.add(attr("tenant_id").visible().build());
    for (String r : resources) {
      attrs.add(limit(r));
    }
    attrs.add(attr("check_limit").put().convert(Converters::toBoolean).build());
    attrs.add(attr("force").put().convert(Converters::toBoolean).build());
    return ResourceDef.of(COLLECTION, MEMBER, "Quota", attrs);
  }

  public static AttributeSpec limit(String resource) {
    return attr(resource).put().convert(Converters::toInt)
        .validate(Validators.range(-1, DB_INTEGER_MAX_VALUE)).visible().build();
  }

  public static ExtensionDef quotas(List<String> resources) {
    return new ExtensionDef(COLLECTION, "Quota management support",
        "Expose functions for quotas management per project", "2012-07-29T10:00:00-00:00",
        List.of(definition(resources)), Map.of(), Map.of(COLLECTION, Set.of(DEFAULT_ACTION)),
        List.of());
  }

  public static ExtensionDef quotaDetails() {
    return new ExtensionDef("quota_details", "Quota details management support",
        "Expose functions for quotas usage statistics per project", "2017-02-10T10:00:00-00:00",
        List.of(), Map.of(), Map.of(COLLECTION, Set.of(DETAILS_ACTION)), List.of(COLLECTION));
  }

  public static ExtensionDef checkLimit() {
    return ExtensionDef.marker("quota-check-limit", "Quota engine limit check",
        "Support for checking the resource usage before applying a new quota limit",
        "2021-09-08T16:00:00-00:00");
  }
}
