package io.neutrino.server.api;

import io.neutrino.lib.apidef.NestedCollection;
import io.neutrino.lib.apidef.ResourceDef;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.spi.NestedCollectionHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /{parent}/{id}/{collection}[/{item}]} for a {@link NestedCollection}, as Neutron's shim
 * controllers serve legacy extension resources: GET lists (200), POST adds (201), DELETE on an
 * item removes (204); anything else is a 405. The policy rule of the operation is checked first,
 * against an empty target, so a caller it refuses gets 403 whatever the ids.
 */
final class NestedRoutes {
  private NestedRoutes() {}

  static Reply handle(NestedCollectionHandler handler, ApiSchema schema, ApiPolicy policy,
      RequestContext ctx, List<String> parts, String method, Supplier<Object> body) {
    NestedCollection def = handler.definition();
    String parentId = parts.get(1);
    if (parts.size() == 3) {
      switch (method) {
        case "GET" -> {
          policy.authorize(ctx, "get_" + def.collection());
          ResourceDef items = schema.collection(def.itemsOf());
          ApiPolicy.Presenter presenter = policy.presenter(ctx, items, Set.of());
          List<Map<String, Object>> shown = new ArrayList<>();
          for (Map<String, Object> item : handler.list(ctx, parentId)) {
            shown.add(presenter.present(item));
          }
          return new Reply(200, Map.of(items.bodyKey(), shown));
        }
        case "POST" -> {
          policy.authorize(ctx, "create_" + def.member());
          if (!(body.get() instanceof Map<?, ?> m)) {
            throw Faults.badRequest("Malformed request body");
          }
          @SuppressWarnings("unchecked")
          Map<String, Object> request = (Map<String, Object>) m;
          return new Reply(201, handler.create(ctx, parentId, request));
        }
        default -> throw NestedCollectionHandler.methodNotAllowed();
      }
    }
    if (parts.size() == 4 && method.equals("DELETE")) {
      policy.authorize(ctx, "delete_" + def.member());
      handler.delete(ctx, parentId, parts.get(3));
      return new Reply(204, null);
    }
    if (parts.size() == 4) {
      throw NestedCollectionHandler.methodNotAllowed();
    }
    throw new io.neutrino.lib.fault.NeutronException("HTTPNotFound", 404,
        "The resource could not be found.");
  }
}
