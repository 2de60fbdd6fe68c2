package io.neutrino.server.ml2;

import io.neutrino.lib.apidef.ExtensionDef;
import java.util.List;

/**
 * The API extensions the ML2 core plugin answers for, each implemented by the core resources.
 * Aliases are Neutron's (clients and Tempest test for them by alias); only what works is listed.
 */
public final class CoreExtensions {
  private CoreExtensions() {}

  private static final String UPDATED = "2022-10-01T00:00:00-00:00";

  private static ExtensionDef ext(String alias, String name, String description) {
    return ExtensionDef.marker(alias, name, description, UPDATED);
  }

  public static List<ExtensionDef> all() {
    return List.of(
        ext("project-id", "project_id field enabled", "Extension that indicates that project_id is enabled."),
        ext("standard-attr-description", "standard-attr-description", "Extension to add descriptions to standard attributes"),
        ext("pagination", "Pagination support", "Extension that indicates that pagination is enabled."),
        ext("sorting", "Sorting support", "Extension that indicates that sorting is enabled."),
        ext("filter-validation", "Filter parameters validation", "Provides validation on filter parameters."),
        ext("empty-string-filtering", "Empty String Filtering Extension", "Allow filtering by attributes with empty string value"),
        ext("net-mtu", "Network MTU", "Provides MTU attribute for a network resource."),
        ext("net-mtu-writable", "Network MTU (writable)", "Provides a writable MTU attribute for a network resource."),
        ext("external-net", "Neutron external network", "Adds external network attribute to network resource."),
        ext("port-security", "Port Security", "Provides port security"),
        ext("allowed-address-pairs", "Allowed Address Pairs", "Provides allowed address pairs"),
        ext("extra_dhcp_opt", "Neutron Extra DHCP options", "Extra options configuration for DHCP. For example PXE boot options to DHCP clients can be specified (e.g. tftp-server, server-ip-address, bootfile-name)"),
        ext("binding", "Port Binding", "Expose port bindings of a virtual port to external application"),
        ext("provider", "Provider Network", "Expose mapping of virtual networks to physical networks"),
        ext("multi-provider", "Multi Provider Network", "Expose mapping of virtual networks to multiple physical networks"),
        ext("subnet_allocation", "Subnet Allocation", "Enables allocation of subnets from a subnet pool"),
        ext("default-subnetpools", "Default Subnetpools", "Provides ability to mark and use a subnetpool as the default."),
        ext("subnet-service-types", "Subnet service types", "Provides ability to set the subnet service_types field"),
        ext("ip-substring-filtering", "IP address substring filtering", "Provides IP address substring filtering when listing ports"));
  }
}
