package io.neutrino.lib.spi;

import io.neutrino.lib.apidef.NestedCollection;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.fault.NeutronException;
import java.util.List;
import java.util.Map;

/**
 * What a plugin does for one {@link NestedCollection}: the API layer routes to it, checks its
 * policy rules and shows the items; the handler sees the parent's id and, on create, the request
 * body as parsed. A missing parent is the handler's NotFound. What it does not override answers
 * 405, as Neutron's shim controllers do for a method their controller lacks.
 */
public interface NestedCollectionHandler {
  NestedCollection definition();

  /** The items under {@code parentId}, as dicts of {@link NestedCollection#itemsOf()}. */
  List<Map<String, Object>> list(RequestContext ctx, String parentId);

  /** POST on the collection; null for an empty reply body. */
  default Map<String, Object> create(RequestContext ctx, String parentId, Map<String, Object> body) {
    throw methodNotAllowed();
  }

  /** DELETE on one item. */
  default void delete(RequestContext ctx, String parentId, String id) {
    throw methodNotAllowed();
  }

  static NeutronException methodNotAllowed() {
    return new NeutronException("HTTPMethodNotAllowed", 405,
        "The server could not comply with the request since it is either malformed or otherwise incorrect.");
  }
}
