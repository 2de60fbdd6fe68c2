package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import io.neutrino.lib.validate.Validators;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * trunks: neutron_lib/api/definitions/trunk.py (with the add_subports / remove_subports /
 * get_subports member actions) and trunk_details.py (trunk_details on parent ports).
 */
public final class Trunk {
  private Trunk() {}

  public static final String COLLECTION = "trunks";

  public static ResourceDef definition() {
    return ResourceDef.of(COLLECTION, "trunk", "Trunk", List.of(
        Attrs.adminStateUp(),
        Attrs.id(),
        Attrs.name(),
        Attrs.tenantId(),
        Attrs.projectId(),
        attr("port_id").post().validate(Validators.named("type:uuid", null)).requiredByPolicy()
            .visible().filter().sortKey().build(),
        attr("status").visible().sortKey().build(),
        attr("sub_ports").post().dflt(List.of()).validate(Validators.named("type:subports", null))
            .enforcePolicy().visible().build(),
        Attrs.description(),
        Attrs.createdAt(),
        Attrs.updatedAt(),
        Attrs.revisionNumber(),
        Attrs.tags()));
  }

  public static ExtensionDef trunk() {
    return new ExtensionDef("trunk", "Trunk Extension", "Provides support for trunk ports",
        "2016-01-01T10:00:00-00:00", List.of(definition()), Map.of(),
        Map.of(COLLECTION, Set.of("add_subports", "remove_subports", "get_subports")),
        List.of("binding"));
  }

  public static ExtensionDef trunkDetails() {
    return new ExtensionDef("trunk-details", "Trunk port details", "Expose trunk port details",
        "2016-01-01T10:00:00-00:00", List.of(),
        Map.of("ports", List.of(attr("trunk_details").dflt(AttributeSpec.NOT_SPECIFIED)
            .enforcePolicy().requiredByPolicy().visible().build())),
        Map.of(), List.of("trunk"));
  }

  public static List<ExtensionDef> all() {
    return List.of(trunk(), trunkDetails());
  }
}
