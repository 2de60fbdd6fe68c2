package io.neutrino.server.pipeline;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * How {@code keystonecontext} decides {@link io.neutrino.lib.context.RequestContext#isAdmin()}:
 * Neutron's context calls {@code policy.check_is_admin}, i.e. the {@code context_is_admin} rule,
 * {@code role:admin} by default (oslo.policy compares role names case-insensitively). The server
 * may hand the policy engine's evaluation in through {@link PipelineContext#adminRoleCheck()}.
 */
@FunctionalInterface
public interface AdminRoleCheck {

  /** Whether the validated caller is an administrator. */
  boolean isAdmin(Identity identity);

  /** {@code context_is_admin = role:admin}. */
  AdminRoleCheck DEFAULT = identity -> hasRole(identity.roles(), "admin");

  /** A check on the role names only. */
  static AdminRoleCheck byRoles(Predicate<List<String>> rolesCheck) {
    return identity -> rolesCheck.test(identity.roles());
  }

  /** oslo.policy's role check: case-insensitive. */
  static boolean hasRole(List<String> roles, String role) {
    String r = role.toLowerCase(Locale.ROOT);
    for (String x : roles) {
      if (x != null && x.toLowerCase(Locale.ROOT).equals(r)) {
        return true;
      }
    }
    return false;
  }
}
