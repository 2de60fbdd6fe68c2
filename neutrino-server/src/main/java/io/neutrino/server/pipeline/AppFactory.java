package io.neutrino.server.pipeline;

import java.util.Map;
import org.eclipse.jetty.server.Handler;

/**
 * Java counterpart of a paste {@code paste.app_factory}: makes the innermost application of a
 * pipeline. Implementations named by class in api-paste.ini need a public no-arg constructor.
 */
@FunctionalInterface
public interface AppFactory {
  Handler create(Map<String, String> localConf, PipelineContext ctx);
}
