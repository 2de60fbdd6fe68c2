package io.neutrino.server.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A token validated by the {@code authtoken} filter ({@link AuthTokenFilter}), stored in
 * {@link RequestAttributes#IDENTITY}: what keystonemiddleware turns into the {@code X-User-*},
 * {@code X-Project-*}, {@code X-Roles}, ... headers. Absent values (a project-scoped token has no
 * domain scope, a system-scoped token no project) are null.
 *
 * @param domainId domain scope (domain-scoped token), else null
 * @param systemScope {@code "all"} for a system-scoped token, else null
 * @param roles role names, in the token's order
 * @param isAdminProject keystone's {@code is_admin_project} (true when the token omits it, as
 *     keystoneauth reads it)
 * @param service the identity of a valid {@code X-Service-Token} sent with the request
 */
public record Identity(
    String userId,
    String userName,
    String userDomainId,
    String userDomainName,
    String projectId,
    String projectName,
    String projectDomainId,
    String projectDomainName,
    String domainId,
    String domainName,
    String systemScope,
    List<String> roles,
    boolean isAdminProject,
    Instant expiresAt,
    Optional<Identity> service) {

  public Identity {
    roles = roles == null ? List.of() : List.copyOf(roles);
    service = service == null ? Optional.empty() : service;
  }

  /** This identity with {@code service} as the service identity. */
  public Identity withService(Identity serviceIdentity) {
    return new Identity(userId, userName, userDomainId, userDomainName, projectId, projectName,
        projectDomainId, projectDomainName, domainId, domainName, systemScope, roles, isAdminProject,
        expiresAt, Optional.ofNullable(serviceIdentity));
  }

  /** Whether the token expires at or before {@code now} (keystoneauth's will_expire_soon(0)). */
  public boolean expiredAt(Instant now) {
    return expiresAt != null && !expiresAt.isAfter(now);
  }

  /** {@code roles} joined as keystonemiddleware's {@code X-Roles}. */
  public String rolesHeader() {
    return String.join(",", roles);
  }
}
