package io.neutrino.server.api;

import io.neutrino.lib.apidef.AttributeSpec;
import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.apidef.ResourceDef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The final, immutable API schema: the core resources with every loaded extension applied. Built
 * once at start-up by the extension manager; extensions never edit a definition in place, each
 * step produces a new one. Collections are keyed by {@link ResourceDef#key()}: a sub-resource as
 * {@code parent/collection}, which is also how extensions name it to add attributes.
 */
public final class ApiSchema {
  private final Map<String, ResourceDef> collections;
  private final Map<String, ExtensionDef> extensions;

  public ApiSchema(List<ResourceDef> core, List<ExtensionDef> loaded) {
    Map<String, ResourceDef> map = new LinkedHashMap<>();
    for (ResourceDef r : core) {
      map.put(r.key(), r);
    }
    Map<String, ExtensionDef> ext = new LinkedHashMap<>();
    for (ExtensionDef e : loaded) {
      ext.put(e.alias(), e);
      for (ResourceDef r : e.resources()) {
        map.put(r.key(), r);
      }
    }
    for (ExtensionDef e : loaded) {
      for (Map.Entry<String, List<AttributeSpec>> add : e.extendedAttributes().entrySet()) {
        ResourceDef target = map.get(add.getKey());
        if (target != null) {
          map.put(add.getKey(), target.extendedWith(add.getValue()));
        }
      }
      for (Map.Entry<String, Set<String>> actions : e.memberActions().entrySet()) {
        ResourceDef target = map.get(actions.getKey());
        if (target != null) {
          map.put(actions.getKey(), target.withMemberActions(actions.getValue()));
        }
      }
    }
    this.collections = Collections.unmodifiableMap(map);
    this.extensions = Collections.unmodifiableMap(ext);
  }

  /** A collection by {@link ResourceDef#key()}: its name, or parent/name for a sub-resource. */
  public ResourceDef collection(String name) {
    return collections.get(name);
  }

  public Map<String, ResourceDef> collections() {
    return collections;
  }

  public Map<String, ExtensionDef> extensions() {
    return extensions;
  }

  public boolean hasExtension(String alias) {
    return extensions.containsKey(alias);
  }

  public List<String> collectionNames() {
    return new ArrayList<>(collections.keySet());
  }
}
