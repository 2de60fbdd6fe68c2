package io.neutrino.lib.apidef;

import java.util.List;
import java.util.Map;

/**
 * An API extension as {@code GET /v2.0/extensions} shows it, plus what it contributes to the
 * schema: new collections and attributes added to existing ones (keyed by collection name).
 * Mirrors a neutron-lib api definition module (ALIAS, NAME, DESCRIPTION, UPDATED_TIMESTAMP,
 * RESOURCE_ATTRIBUTE_MAP, REQUIRED_EXTENSIONS).
 */
public record ExtensionDef(
    String alias,
    String name,
    String description,
    String updated,
    List<ResourceDef> resources,
    Map<String, List<AttributeSpec>> extendedAttributes,
    Map<String, java.util.Set<String>> memberActions,
    List<String> requires) {

  public ExtensionDef {
    resources = List.copyOf(resources);
    extendedAttributes = Map.copyOf(extendedAttributes);
    memberActions = Map.copyOf(memberActions);
    requires = List.copyOf(requires);
  }

  /** An extension that only announces behaviour (no schema change), like {@code filter-validation}. */
  public static ExtensionDef marker(String alias, String name, String description, String updated) {
    return new ExtensionDef(alias, name, description, updated, List.of(), Map.of(), Map.of(), List.of());
  }

  public static ExtensionDef attributes(
      String alias, String name, String description, String updated,
      Map<String, List<AttributeSpec>> extended) {
    return new ExtensionDef(alias, name, description, updated, List.of(), extended, Map.of(), List.of());
  }
}
