package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import java.util.List;
import java.util.Map;

/** service-providers: neutron/extensions/servicetype.py (read only). */
public final class ServiceType {
  private ServiceType() {}

  public static final String COLLECTION = "service-providers";

  public static ResourceDef definition() {
    return ResourceDef.of(COLLECTION, "service_provider", "Service provider", List.of(
        attr("service_type").visible().filter().sortKey().build(),
        attr("name").visible().filter().sortKey().build(),
        attr("default").visible().filter().build()));
  }

  public static ExtensionDef extension() {
    return new ExtensionDef("service-type", "Neutron Service Type Management",
        "API for retrieving service providers for Neutron advanced services",
        "2013-01-20T00:00:00-00:00", List.of(definition()), Map.of(), Map.of(), List.of());
  }
}
