package io.neutrino.server.api;

import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.ResourceHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code /{collection}/{id}/tags} and {@code /{collection}/{id}/tags/{tag}} as Neutron's tag
 * extension serves them: GET lists or checks, PUT replaces all or adds one, DELETE removes all or
 * one. The resource must be visible (404 otherwise) and the caller's own, or the caller admin, to
 * change its tags (403).
 */
final class TagRoutes {
  static final int MAX_TAG_LEN = 255;
  static final int MAX_TAGS = 50;

  private TagRoutes() {}

  static Reply handle(ResourceTags tags, ResourceHandler handler, RequestContext ctx,
      String collection, List<String> parts, String method, Supplier<Object> body) {
    String id = parts.get(1);
    Map<String, Object> resource = handler.get(ctx, id); // 404 when not visible
    if (parts.size() > 4) {
      throw new NeutronException("HTTPNotFound", 404, "The resource could not be found.");
    }
    boolean mayChange = ctx.isAdmin() || Objects.equals(ctx.projectId(), resource.get("project_id"));
    if (parts.size() == 3) {
      switch (method) {
        case "GET":
          return new Reply(200, Map.of("tags", tags.list(collection, id)));
        case "PUT": {
          requireOwner(mayChange, collection);
          List<String> values = tagList(body.get());
          tags.replace(collection, id, values);
          return new Reply(200, Map.of("tags", tags.list(collection, id)));
        }
        case "DELETE":
          requireOwner(mayChange, collection);
          tags.clear(collection, id);
          return new Reply(204, null);
        default:
          throw new NeutronException("HTTPMethodNotAllowed", 405, "Method not allowed.");
      }
    }
    String tag = parts.get(3);
    validateTag(tag);
    switch (method) {
      case "GET":
        if (!tags.list(collection, id).contains(tag)) {
          throw tagNotFound(tag, id);
        }
        return new Reply(204, null);
      case "PUT":
        requireOwner(mayChange, collection);
        List<String> present = tags.list(collection, id);
        if (!present.contains(tag) && present.size() >= MAX_TAGS) {
          throw Faults.badRequest("Too many tags: at most " + MAX_TAGS + " per resource.");
        }
        tags.add(collection, id, tag);
        return new Reply(201, null);
      case "DELETE":
        requireOwner(mayChange, collection);
        if (!tags.remove(collection, id, tag)) {
          throw tagNotFound(tag, id);
        }
        return new Reply(204, null);
      default:
        throw new NeutronException("HTTPMethodNotAllowed", 405, "Method not allowed.");
    }
  }

  private static NeutronException tagNotFound(String tag, String id) {
    return new NeutronException("TagNotFound", 404, "Tag " + tag + " could not be found for resource " + id + ".");
  }

  private static void requireOwner(boolean mayChange, String collection) {
    if (!mayChange) {
      throw Faults.forbidden("rule:update_" + collection.substring(0, collection.length() - 1)
          + "_tags is disallowed by policy");
    }
  }

  private static List<String> tagList(Object body) {
    if (!(body instanceof Map<?, ?> m) || !(m.get("tags") instanceof List<?> list)) {
      throw Faults.badRequest("Invalid input for tags. Reason: a list of tags is required.");
    }
    if (list.size() > MAX_TAGS) {
      throw Faults.badRequest("Invalid input for tags. Reason: more than " + MAX_TAGS + " tags.");
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String t)) {
        throw Faults.badRequest("Invalid input for tags. Reason: '" + o + "' is not a valid string.");
      }
      validateTag(t);
      out.add(t);
    }
    return out;
  }

  private static void validateTag(String tag) {
    if (tag.isEmpty() || tag.length() > MAX_TAG_LEN || tag.contains(",") || tag.contains("/")) {
      throw Faults.badRequest("Invalid input for tag. Reason: '" + tag + "' is not a valid tag.");
    }
  }
}
