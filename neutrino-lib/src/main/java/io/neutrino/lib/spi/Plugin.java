package io.neutrino.lib.spi;

import io.neutrino.lib.apidef.ExtensionDef;
import java.util.List;
import java.util.Map;

/**
 * A core or service plugin: the collections it handles and the API extensions it supports
 * (Neutron's {@code supported_extension_aliases}).
 */
public interface Plugin {
  /** Collection name to handler, e.g. {@code "networks"}. */
  Map<String, ResourceHandler> handlers();

  List<ExtensionDef> supportedExtensions();

  /** Collections served under another's members ({@code /agents/{id}/dhcp-networks}). */
  default List<NestedCollectionHandler> nestedCollections() {
    return List.of();
  }

  /** Called once all plugins are loaded and the schema is final. */
  default void start() {}

  default void stop() {}
}
