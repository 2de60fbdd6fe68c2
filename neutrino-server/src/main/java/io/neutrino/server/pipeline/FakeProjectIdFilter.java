package io.neutrino.server.pipeline;

import io.neutrino.lib.context.RequestContext;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code neutron.auth:NoauthFakeProjectId.factory} (noauth pipelines). Neutron builds a context
 * from the request's keystone-style headers ({@code X-Project-Id}, {@code X-Tenant-Id},
 * {@code X-Tenant}; {@code X-User-Id}, {@code X-User}; {@code X-Roles}, {@code X-Role}) and:
 *
 * <ul>
 *   <li>when no project came with the request: sets project {@code fake_project_id}, elevates
 *       the context (is_admin, role admin added) and stores it — here
 *       {@link RequestAttributes#CONTEXT} (a {@link RequestContext}),
 *       {@link RequestAttributes#PROJECT_ID} = "fake_project_id",
 *       {@link RequestAttributes#IS_ADMIN} = true;
 *   <li>when a project header is present: stores nothing in Neutron; here only
 *       {@link RequestAttributes#PROJECT_ID} is set to it (no CONTEXT, no IS_ADMIN), and the API
 *       layer builds the context from the headers as Neutron's ContextHook does.
 * </ul>
 *
 * A project_id/tenant_id given in a request body still wins later, in the controller.
 */
public final class FakeProjectIdFilter extends PipelineFilter {
  public static final String FAKE_PROJECT_ID = "fake_project_id";
  public static final FilterFactory FACTORY = (conf, ctx) -> new FakeProjectIdFilter();

  static String firstHeader(Request request, String... names) {
    for (String n : names) {
      String v = request.getHeaders().get(n);
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }

  static List<String> roles(Request request) {
    List<String> roles = new ArrayList<>();
    String v = firstHeader(request, "X-Roles", "X-Role");
    if (v != null) {
      for (String r : v.split(",")) {
        String t = r.strip();
        if (!t.isEmpty()) {
          roles.add(t);
        }
      }
    }
    return roles;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String project = firstHeader(request, "X-Project-Id", "X-Tenant-Id", "X-Tenant");
    if (project == null) {
      List<String> roles = roles(request);
      if (!roles.contains("admin")) {
        roles.add("admin");
      }
      RequestContext ctx =
          new RequestContext(
              firstHeader(request, "X-User-Id", "X-User"),
              FAKE_PROJECT_ID,
              roles,
              true,
              RequestAttributes.requestId(request));
      request.setAttribute(RequestAttributes.CONTEXT, ctx);
      request.setAttribute(RequestAttributes.PROJECT_ID, FAKE_PROJECT_ID);
      request.setAttribute(RequestAttributes.IS_ADMIN, Boolean.TRUE);
    } else {
      request.setAttribute(RequestAttributes.PROJECT_ID, project);
    }
    return next(request, response, callback);
  }
}
