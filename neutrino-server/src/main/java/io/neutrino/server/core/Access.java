package io.neutrino.server.core;

import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import java.util.Map;
import java.util.Objects;

/**
 * Ownership rules of Neutron's legacy default policy for the core resources: an admin sees and
 * changes everything, a project its own resources; what a caller may see but not change is a
 * 403, what it may not see is a 404 (existence is never leaked).
 */
final class Access {
  private Access() {}

  static boolean owns(RequestContext ctx, Map<String, Object> row) {
    return ctx.isAdmin() || Objects.equals(ctx.projectId(), row.get("project_id"));
  }

  static void requireOwner(RequestContext ctx, Map<String, Object> row, String action,
      String member, boolean visible, NeutronException notFound) {
    if (owns(ctx, row)) {
      return;
    }
    if (!visible) {
      throw notFound;
    }
    throw Faults.forbidden("rule:" + action + "_" + member + " is disallowed by policy");
  }
}
