package io.neutrino.server.manager;

import io.neutrino.lib.spi.PluginContext;
import io.neutrino.server.config.Config;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@link PluginContext} the server hands every plugin: its frozen config and its services. */
public final class ServerPluginContext implements PluginContext {
  private final Config config;
  private final Map<Class<?>, Object> services;

  public ServerPluginContext(Config config, Map<Class<?>, Object> services) {
    this.config = config;
    this.services = Map.copyOf(services);
  }

  @Override
  public Optional<String> option(String section, String key) {
    return config.get(section, key);
  }

  @Override
  public List<String> options(String section, String key) {
    return config.getAll(section, key);
  }

  @Override
  public <T> T service(Class<T> type) {
    Object s = services.get(type);
    if (s == null) {
      throw new IllegalStateException("no service of type " + type.getName() + " in this server");
    }
    return type.cast(s);
  }
}
