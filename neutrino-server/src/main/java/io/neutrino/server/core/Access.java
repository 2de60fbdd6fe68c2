package io.neutrino.server.core;

import io.neutrino.lib.context.RequestContext;
import java.util.Map;
import java.util.Objects;

/**
 * What a caller may see at the database level, as Neutron's model queries scope non-admin
 * callers to their project (plus shared resources, decided per resource). Whether it may act is
 * the policy engine's call, at the API layer.
 */
final class Access {
  private Access() {}

  static boolean owns(RequestContext ctx, Map<String, Object> row) {
    return ctx.isAdmin() || Objects.equals(ctx.projectId(), row.get("project_id"));
  }
}
