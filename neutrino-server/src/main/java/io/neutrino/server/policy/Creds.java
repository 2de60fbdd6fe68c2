package io.neutrino.server.policy;

import io.neutrino.lib.context.RequestContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The credentials dict oslo.policy sees: neutron-lib's {@code Context.to_policy_values()}
 * (oslo.context's keys plus tenant_id, is_admin and the legacy aliases), read straight from the
 * {@link RequestContext} without building a map per check.
 */
final class Creds {
  private Creds() {}

  /** A key that is not in the credentials at all (as opposed to one whose value is None). */
  static final Object ABSENT = new Object();

  static Object get(RequestContext ctx, String key) {
    switch (key) {
      case "user_id":
      case "user":
        return ctx.userId();
      case "project_id":
      case "tenant_id":
      case "tenant":
        return ctx.projectId();
      case "roles":
        return ctx.roles();
      case "is_admin":
        return ctx.isAdmin();
      case "is_admin_project":
        return Boolean.TRUE;
      case "service_roles":
        return List.of();
      case "system_scope":
      case "domain_id":
      case "user_domain_id":
      case "project_domain_id":
      case "service_user_id":
      case "service_user_domain_id":
      case "service_project_id":
      case "service_project_domain_id":
      case "domain":
      case "user_domain":
      case "project_domain":
      case "tenant_name":
      case "project_name":
      case "user_name":
        return null;
      default:
        return ABSENT;
    }
  }

  private static final List<String> KEYS = List.of("user_id", "user_domain_id", "system_scope",
      "domain_id", "project_id", "project_domain_id", "roles", "is_admin_project",
      "service_user_id", "service_user_domain_id", "service_project_id",
      "service_project_domain_id", "service_roles", "tenant_id", "is_admin", "user", "tenant",
      "domain", "user_domain", "project_domain", "tenant_name", "project_name", "user_name");

  /** The whole dict, used as the target of context_is_admin (neutron-lib checks "user-self"). */
  static Map<String, Object> asMap(RequestContext ctx) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String k : KEYS) {
      m.put(k, get(ctx, k));
    }
    return m;
  }
}
