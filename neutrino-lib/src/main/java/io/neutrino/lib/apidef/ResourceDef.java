package io.neutrino.lib.apidef;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The schema of one API collection: its names, its attributes in declaration order and the member
 * actions an extension declared ({@code PUT /routers/{id}/add_router_interface}). Immutable;
 * {@link #extendedWith} returns a new schema, the way extensions add attributes without editing the
 * core definition.
 *
 * <p>{@code parent} is the collection a sub-resource lives under (neutron-lib's
 * SUB_RESOURCE_ATTRIBUTE_MAP), e.g. {@code floatingips} for {@code
 * /floatingips/{id}/port_forwardings}; {@code null} for a top-level collection.
 */
public record ResourceDef(
    String collection,
    String member,
    String label,
    Map<String, AttributeSpec> attributes,
    Set<String> memberActions,
    String parent) {

  public ResourceDef {
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    memberActions = Set.copyOf(memberActions);
  }

  public ResourceDef(String collection, String member, String label,
      Map<String, AttributeSpec> attributes, Set<String> memberActions) {
    this(collection, member, label, attributes, memberActions, null);
  }

  /** This collection as a sub-resource of {@code parentCollection}. */
  public ResourceDef under(String parentCollection) {
    return new ResourceDef(collection, member, label, attributes, memberActions, parentCollection);
  }

  /**
   * How the schema and the handler map name it: the collection, or {@code parent/collection} for
   * a sub-resource (two parents may have sub-collections of the same name).
   */
  public String key() {
    return parent == null ? collection : parent + "/" + collection;
  }

  public static ResourceDef of(
      String collection, String member, String label, List<AttributeSpec> attributes) {
    Map<String, AttributeSpec> map = new LinkedHashMap<>();
    for (AttributeSpec a : attributes) {
      map.put(a.name(), a);
    }
    return new ResourceDef(collection, member, label, map, Set.of());
  }

  public ResourceDef extendedWith(List<AttributeSpec> more) {
    Map<String, AttributeSpec> map = new LinkedHashMap<>(attributes);
    for (AttributeSpec a : more) {
      map.put(a.name(), a);
    }
    return new ResourceDef(collection, member, label, map, memberActions, parent);
  }

  public ResourceDef withMemberActions(Set<String> actions) {
    var all = new java.util.HashSet<>(memberActions);
    all.addAll(actions);
    return new ResourceDef(collection, member, label, attributes, all, parent);
  }

  /**
   * The JSON key of the collection in bodies: the URL name with '-' as '_' ({@code
   * security-groups} is served under {@code "security_groups"}), as Neutron's controllers name it.
   */
  public String bodyKey() {
    return collection.replace('-', '_');
  }

  /**
   * The attribute neutron-lib marks {@code primary_key}: {@code id}, or for the few resources keyed
   * otherwise (network-ip-availabilities by network_id) their first attribute. Paging markers are
   * values of it.
   */
  public String primaryKey() {
    return attributes.containsKey("id") || attributes.isEmpty() ? "id"
        : attributes.keySet().iterator().next();
  }

  public AttributeSpec attribute(String name) {
    return attributes.get(name);
  }

  public List<String> visibleNames() {
    List<String> names = new ArrayList<>();
    attributes.values().forEach(a -> {
      if (a.visible()) {
        names.add(a.name());
      }
    });
    return names;
  }
}
