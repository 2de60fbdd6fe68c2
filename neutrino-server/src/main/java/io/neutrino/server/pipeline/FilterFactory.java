package io.neutrino.server.pipeline;

import java.util.Map;
import org.eclipse.jetty.server.Handler;

/**
 * Java counterpart of a paste {@code paste.filter_factory}: makes one middleware instance. The
 * builder sets the wrapped handler afterwards ({@link Handler.Wrapper#setHandler}).
 *
 * <p>Implementations named by class in api-paste.ini need a public no-arg constructor.
 */
@FunctionalInterface
public interface FilterFactory {
  /**
   * @param localConf the section's keys except {@code use}/{@code paste.*}, merged over nothing
   *     (global_conf is reachable via {@link PipelineContext#option} section {@code DEFAULT})
   */
  Handler.Wrapper create(Map<String, String> localConf, PipelineContext ctx);
}
