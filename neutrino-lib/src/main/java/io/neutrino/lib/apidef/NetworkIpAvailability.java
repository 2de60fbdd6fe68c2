package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import java.util.List;
import java.util.Map;

/**
 * network-ip-availabilities: neutron_lib/api/definitions/network_ip_availability.py (read only,
 * keyed by network_id; {@code ip_version} is a filter only), with project_id beside tenant_id as
 * Neutron's populate_project_info adds it.
 */
public final class NetworkIpAvailability {
  private NetworkIpAvailability() {}

  public static final String COLLECTION = "network-ip-availabilities";

  public static ResourceDef definition() {
    return ResourceDef.of(COLLECTION, "network_ip_availability", "Network IP availability", List.of(
        attr("network_id").visible().filter().sortKey().build(),
        attr("network_name").visible().filter().build(),
        attr("tenant_id").visible().filter().build(),
        attr("project_id").visible().filter().build(),
        attr("total_ips").visible().build(),
        attr("used_ips").visible().build(),
        attr("subnet_ip_availability").visible().build(),
        attr("ip_version").filter().build()));
  }

  public static ExtensionDef extension() {
    return new ExtensionDef("network-ip-availability", "Network IP Availability",
        "Provides IP availability data for each network and subnet.", "2015-09-24T00:00:00-00:00",
        List.of(definition()), Map.of(), Map.of(), List.of());
  }
}
