package io.neutrino.server.pipeline;

import io.neutrino.lib.ids.Uuids;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code oslo_middleware:RequestId.factory}. As oslo.middleware (Zed) does:
 *
 * <ul>
 *   <li>a fresh local id {@code req-<uuid4>} is generated for every request and stored as
 *       {@link RequestAttributes#REQUEST_ID};
 *   <li>an inbound {@code X-OpenStack-Request-ID} matching {@code req-<uuid>} (lower-case hex)
 *       is kept as the global request id ({@link RequestAttributes#GLOBAL_REQUEST_ID}); it does
 *       not replace the local id, and an invalid one is silently dropped;
 *   <li>the local id is returned in {@code x-openstack-request-id} on every response that
 *       passes through the filter (errors included) unless the application set that header.
 * </ul>
 */
public final class RequestIdFilter extends PipelineFilter {
  public static final String RESPONSE_HEADER = "x-openstack-request-id";
  public static final String INBOUND_HEADER = "X-Openstack-Request-Id";
  static final Pattern ID_FORMAT =
      Pattern.compile("^req-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$");

  public static final FilterFactory FACTORY = (Map<String, String> conf, PipelineContext ctx) -> new RequestIdFilter();

  static String generate() {
    return "req-" + Uuids.random();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String inbound = request.getHeaders().get(INBOUND_HEADER);
    if (inbound != null && ID_FORMAT.matcher(inbound).matches()) {
      request.setAttribute(RequestAttributes.GLOBAL_REQUEST_ID, inbound);
    }
    String reqId = generate();
    request.setAttribute(RequestAttributes.REQUEST_ID, reqId);
    DecoratingResponse decorated =
        new DecoratingResponse(
            request,
            response,
            r -> {
              if (!r.getHeaders().contains(RESPONSE_HEADER)) {
                r.getHeaders().add(RESPONSE_HEADER, reqId);
              }
            });
    return next(request, decorated, decorated.wrap(callback));
  }
}
