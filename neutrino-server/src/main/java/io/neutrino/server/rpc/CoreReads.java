package io.neutrino.server.rpc;

import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.PluginContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the RPC handlers read, through the plugins' own handlers and as the server itself (admin):
 * agents see every project's resources, as Neutron's RPC callbacks use an admin context.
 */
final class CoreReads {
  private static final RequestContext ADMIN = RequestContext.admin("rpc");
  private final PluginContext plugins;

  CoreReads(PluginContext plugins) {
    this.plugins = plugins;
  }

  static RequestContext admin() {
    return ADMIN;
  }

  /** Rows of {@code collection} whose {@code attribute} is any of {@code values} (none: empty). */
  List<Map<String, Object>> where(String collection, String attribute, Collection<?> values) {
    if (values.isEmpty()) {
      return List.of();
    }
    return copy(plugins.handler(collection).list(ADMIN,
        new ListQuery(Map.of(attribute, List.copyOf(values)), List.of(), null, null, false, java.util.Set.of())));
  }

  List<Map<String, Object>> all(String collection) {
    return copy(plugins.handler(collection).list(ADMIN, ListQuery.all()));
  }

  /** The row, or empty when it does not exist (deleted concurrently, as agents often race). */
  Optional<Map<String, Object>> find(String collection, String id) {
    try {
      return Optional.of(new java.util.LinkedHashMap<>(plugins.handler(collection).get(ADMIN, id)));
    } catch (io.neutrino.lib.fault.NeutronException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Handlers may hand out shared or immutable maps; RPC payloads are built by changing them. */
  private static List<Map<String, Object>> copy(List<Map<String, Object>> rows) {
    List<Map<String, Object>> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(new java.util.LinkedHashMap<>(r)));
    return out;
  }
}
