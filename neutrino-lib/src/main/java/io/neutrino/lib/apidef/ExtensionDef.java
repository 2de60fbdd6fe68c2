package io.neutrino.lib.apidef;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An API extension as {@code GET /v2.0/extensions} shows it, plus what it contributes to the
 * schema: new collections and attributes added to existing ones (keyed by {@link
 * ResourceDef#key()}).
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
    Map<String, Set<String>> memberActions,
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

  /**
   * One extension that two plugins both support, as Neutron loads an alias once whichever plugins
   * list it: this definition plus what {@code other} adds (collections, attributes and member
   * actions this one lacks, its requirements). ML2's qos extension driver brings {@code
   * qos_policy_id} on networks and ports, the QoS plugin the policies, both under {@code qos}.
   */
  public ExtensionDef mergedWith(ExtensionDef other) {
    if (!alias.equals(other.alias)) {
      throw new IllegalArgumentException(alias + " cannot absorb " + other.alias);
    }
    Set<String> keys = new HashSet<>();
    List<ResourceDef> allResources = new ArrayList<>(resources);
    resources.forEach(r -> keys.add(r.key()));
    other.resources.stream().filter(r -> keys.add(r.key())).forEach(allResources::add);
    Map<String, List<AttributeSpec>> attrs = new LinkedHashMap<>(extendedAttributes);
    other.extendedAttributes.forEach((collection, specs) -> {
      List<AttributeSpec> merged = new ArrayList<>(attrs.getOrDefault(collection, List.of()));
      Set<String> names = new HashSet<>();
      merged.forEach(a -> names.add(a.name()));
      specs.stream().filter(a -> names.add(a.name())).forEach(merged::add);
      attrs.put(collection, merged);
    });
    Map<String, Set<String>> actions = new LinkedHashMap<>(memberActions);
    other.memberActions.forEach((collection, names) -> {
      Set<String> all = new LinkedHashSet<>(actions.getOrDefault(collection, Set.of()));
      all.addAll(names);
      actions.put(collection, all);
    });
    Set<String> needs = new LinkedHashSet<>(requires);
    needs.addAll(other.requires);
    return new ExtensionDef(alias, name, description, updated, allResources, attrs, actions,
        List.copyOf(needs));
  }

  public static ExtensionDef attributes(
      String alias, String name, String description, String updated,
      Map<String, List<AttributeSpec>> extended) {
    return new ExtensionDef(alias, name, description, updated, List.of(), extended, Map.of(), List.of());
  }
}
