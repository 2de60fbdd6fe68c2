package io.neutrino.lib.spi;

import io.neutrino.lib.context.RequestContext;
import java.util.List;
import java.util.Map;

/**
 * The handler of a sub-resource collection ({@code /floatingips/{id}/port_forwardings}): Neutron's
 * {@code create_floatingip_port_forwarding(context, floatingip_id, …)} and its siblings, each
 * given the parent's id. Registered under the schema key {@code parent/collection}; the
 * parent-less {@link ResourceHandler} methods are not reachable for it and refuse.
 */
public interface SubResourceHandler extends ResourceHandler {

  Map<String, Object> create(RequestContext ctx, String parentId, Map<String, Object> resource);

  /** The resource of that parent, or a NotFound fault (also when the parent does not exist). */
  Map<String, Object> get(RequestContext ctx, String parentId, String id);

  List<Map<String, Object>> list(RequestContext ctx, String parentId, ListQuery query);

  Map<String, Object> update(RequestContext ctx, String parentId, String id,
      Map<String, Object> changes);

  void delete(RequestContext ctx, String parentId, String id);

  private static UnsupportedOperationException needsParent() {
    return new UnsupportedOperationException("a sub-resource is reached through its parent");
  }

  @Override
  default Map<String, Object> create(RequestContext ctx, Map<String, Object> resource) {
    throw needsParent();
  }

  @Override
  default Map<String, Object> get(RequestContext ctx, String id) {
    throw needsParent();
  }

  @Override
  default List<Map<String, Object>> list(RequestContext ctx, ListQuery query) {
    throw needsParent();
  }

  @Override
  default Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    throw needsParent();
  }

  @Override
  default void delete(RequestContext ctx, String id) {
    throw needsParent();
  }
}
