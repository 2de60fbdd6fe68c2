package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import java.util.List;
import java.util.Map;

/**
 * availability_zone (neutron_lib/api/definitions/availability_zone.py): the zones agents report,
 * listed per resource they serve (DHCP agents: network, L3 agents: router), and the zone of each
 * agent; availability_zone_filter (filters on that list) and network_availability_zone (whose
 * attributes, availability_zone_hints and availability_zones, are part of {@link Network}).
 */
public final class AvailabilityZone {
  private AvailabilityZone() {}

  public static final String ALIAS = "availability_zone";
  public static final String COLLECTION = "availability_zones";
  public static final String HINTS = "availability_zone_hints";

  public static ResourceDef definition() {
    return ResourceDef.of(COLLECTION, "availability_zone", "AvailabilityZone", List.of(
        attr("name").visible().filter().build(),
        attr("resource").visible().filter().build(),
        attr("state").visible().filter().build()));
  }

  public static ExtensionDef extension() {
    return new ExtensionDef(ALIAS, "Availability Zone", "The availability zone extension.",
        "2015-01-01T10:00:00-00:00", List.of(definition()),
        Map.of(Agent.COLLECTION, List.of(attr("availability_zone").visible().filter().build())),
        Map.of(), List.of("agent"));
  }

  public static ExtensionDef filter() {
    return new ExtensionDef("availability_zone_filter", "Availability Zone Filter Extension",
        "Add filter parameters to AvailabilityZone resource", "2018-06-22T10:00:00-00:00",
        List.of(), Map.of(), Map.of(), List.of(ALIAS));
  }

  public static ExtensionDef network() {
    return new ExtensionDef("network_availability_zone", "Network Availability Zone",
        "Availability zone support for network.", "2015-01-01T10:00:00-00:00", List.of(),
        Map.of(), Map.of(), List.of(ALIAS));
  }
}
