package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import io.neutrino.lib.validate.Converters;
import java.util.List;
import java.util.Map;

/**
 * auto-allocated-topology (neutron_lib/api/definitions/auto_allocated_topology.py): {@code GET
 * /v2.0/auto-allocated-topology/{project_id}} (provisions on first use) and {@code DELETE}, plus
 * {@code is_default} on networks marking the default external network.
 */
public final class AutoAllocatedTopology {
  private AutoAllocatedTopology() {}

  public static final String COLLECTION = "auto-allocated-topology";
  /** {@code ?fields=dry-run}: only check that a topology could be provisioned. */
  public static final String DRY_RUN = "dry-run";

  public static ResourceDef definition() {
    return ResourceDef.of(COLLECTION, "auto_allocated_topology", "Auto allocated topology", List.of(
        attr("id").visible().build(),
        attr("tenant_id").visible().build()));
  }

  public static AttributeSpec isDefault() {
    return attr("is_default").post().put().dflt(false).convert(Converters::toBoolean).filter()
        .visible().enforcePolicy().requiredByPolicy().build();
  }

  public static ExtensionDef extension() {
    return new ExtensionDef("auto-allocated-topology", "Auto Allocated Topology Services",
        "Auto Allocated Topology Services.", "2016-01-01T00:00:00-00:00", List.of(definition()),
        Map.of(Network.COLLECTION, List.of(isDefault())), Map.of(),
        List.of("router", "subnet_allocation", "external-net"));
  }
}
