package io.neutrino.server.pipeline;

import io.neutrino.lib.context.RequestContext;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code neutron.auth:NeutronKeystoneContext.factory}: makes the request's
 * {@link RequestContext} ({@link RequestAttributes#CONTEXT}) from what {@code authtoken}
 * validated — user id, project id, role names, is_admin by the {@link AdminRoleCheck} of the
 * {@link PipelineContext} (Neutron's {@code context_is_admin}, role admin by default) and the
 * request id of {@code request_id}. Also sets {@link RequestAttributes#PROJECT_ID}.
 *
 * <p>The identity is {@link RequestAttributes#IDENTITY}; when absent (a pipeline without
 * authtoken in front, as Neutron allows) it is read from the keystonemiddleware headers as
 * oslo.context's {@code from_environ} reads them ({@code X-User-Id}/{@code X-User},
 * {@code X-Project-Id}/{@code X-Tenant-Id}/{@code X-Tenant}, {@code X-Roles}/{@code X-Role}) —
 * authtoken has replaced any the client sent. No user id: webob's 401, as Neutron answers.
 */
public final class KeystoneContextFilter extends PipelineFilter {
  private static final Logger LOG = LoggerFactory.getLogger(KeystoneContextFilter.class);

  public static final FilterFactory FACTORY = (conf, ctx) -> new KeystoneContextFilter(ctx.adminRoleCheck());

  static final String UNAUTHORIZED_BODY =
      "This server could not verify that you are authorized to\r\naccess the document you requested."
          + "  Either you supplied the\r\nwrong credentials (e.g., bad password), or your browser\r\n"
          + "does not understand how to supply the credentials required.<br /><br />\n\n\n";

  private final AdminRoleCheck adminCheck;

  public KeystoneContextFilter(AdminRoleCheck adminCheck) {
    this.adminCheck = adminCheck == null ? AdminRoleCheck.DEFAULT : adminCheck;
  }

  static Identity fromHeaders(Request request) {
    String user = FakeProjectIdFilter.firstHeader(request, "X-User-Id", "X-User");
    if (user == null) {
      return null;
    }
    String isAdminProject = request.getHeaders().get("X-Is-Admin-Project");
    return new Identity(
        user,
        request.getHeaders().get("X-User-Name"),
        request.getHeaders().get("X-User-Domain-Id"),
        request.getHeaders().get("X-User-Domain-Name"),
        FakeProjectIdFilter.firstHeader(request, "X-Project-Id", "X-Tenant-Id", "X-Tenant"),
        request.getHeaders().get("X-Project-Name"),
        request.getHeaders().get("X-Project-Domain-Id"),
        request.getHeaders().get("X-Project-Domain-Name"),
        request.getHeaders().get("X-Domain-Id"),
        request.getHeaders().get("X-Domain-Name"),
        request.getHeaders().get("OpenStack-System-Scope"),
        FakeProjectIdFilter.roles(request),
        isAdminProject == null || !"false".equalsIgnoreCase(isAdminProject.strip()),
        null,
        Optional.empty());
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Identity id =
        request.getAttribute(RequestAttributes.IDENTITY) instanceof Identity i ? i : fromHeaders(request);
    if (id == null || id.userId() == null || id.userId().isEmpty()) {
      LOG.debug("X_USER_ID is not found in request");
      Http.webobError(request, response, callback, 401, "Unauthorized", UNAUTHORIZED_BODY);
      return true;
    }
    List<String> roles = id.roles();
    RequestContext ctx =
        new RequestContext(id.userId(), id.projectId(), roles, adminCheck.isAdmin(id),
            RequestAttributes.requestId(request));
    request.setAttribute(RequestAttributes.CONTEXT, ctx);
    if (id.projectId() != null) {
      request.setAttribute(RequestAttributes.PROJECT_ID, id.projectId());
    } else {
      request.removeAttribute(RequestAttributes.PROJECT_ID);
    }
    request.removeAttribute(RequestAttributes.IS_ADMIN);
    return next(request, response, callback);
  }
}
