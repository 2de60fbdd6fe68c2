package io.neutrino.lib.spi;

import java.util.List;
import java.util.Optional;

/**
 * What a plugin is given when it is created: read-only configuration and the server's services
 * (the database handle, IPAM, the callbacks registry …) looked up by type. Passed through the
 * constructor; there is no global registry.
 */
public interface PluginContext {
  /** The value of {@code [section] key}, the last one given if repeated. */
  Optional<String> option(String section, String key);

  /** Every value given for {@code [section] key} (oslo.config multi-value). */
  List<String> options(String section, String key);

  /** A server service by type, or an IllegalStateException naming what is missing. */
  <T> T service(Class<T> type);

  /**
   * The handler of another plugin's collection (e.g. the core plugin's {@code ports}), as Neutron's
   * service plugins call the core plugin directly. Resolved at each call, since plugins are
   * created before every handler is known; calls made before start-up completes fail.
   */
  ResourceHandler handler(String collection);
}
