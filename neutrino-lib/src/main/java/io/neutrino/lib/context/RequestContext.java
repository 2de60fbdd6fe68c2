package io.neutrino.lib.context;

import java.util.List;
import java.util.Objects;

/**
 * Who is asking, as Neutron's request context carries it. Built by the pipeline (noauth or
 * keystonecontext) and handed unchanged to every plugin call.
 */
public record RequestContext(
    String userId, String projectId, List<String> roles, boolean isAdmin, String requestId) {

  public RequestContext {
    roles = List.copyOf(roles);
  }

  /** The context of the server itself (start-up, background work). */
  public static RequestContext admin(String requestId) {
    return new RequestContext(null, null, List.of("admin"), true, Objects.requireNonNullElse(requestId, "internal"));
  }

  public RequestContext withProject(String project) {
    return new RequestContext(userId, project, roles, isAdmin, requestId);
  }
}
