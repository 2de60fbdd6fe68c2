package io.neutrino.server.pipeline;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code neutron.api.extensions:plugin_aware_extension_middleware_factory}. In Neutron this
 * routes the legacy extension resources (and /extensions) before the core API. In Neutrino the
 * API router handed in as {@code builtInApps["api"]} routes extension resources itself, so this
 * filter is a pass-through kept so that api-paste.ini files load unchanged.
 */
public final class ExtensionsFilter extends PipelineFilter {
  public static final FilterFactory FACTORY = (conf, ctx) -> new ExtensionsFilter();

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    return next(request, response, callback);
  }
}
