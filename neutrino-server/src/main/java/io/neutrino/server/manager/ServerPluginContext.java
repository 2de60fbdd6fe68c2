package io.neutrino.server.manager;

import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.config.Config;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** The {@link PluginContext} the server hands every plugin: its frozen config and its services. */
public final class ServerPluginContext implements PluginContext {
  private final Config config;
  private final Map<Class<?>, Object> services;
  private final AtomicReference<Map<String, ResourceHandler>> handlers = new AtomicReference<>();

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

  /** Called once every plugin is loaded: from then on {@link #handler} resolves. */
  public void handlersReady(Map<String, ResourceHandler> all) {
    handlers.set(Map.copyOf(all));
  }

  @Override
  public ResourceHandler handler(String collection) {
    return new ResourceHandler() {
      private ResourceHandler target() {
        Map<String, ResourceHandler> all = handlers.get();
        if (all == null || !all.containsKey(collection)) {
          throw new IllegalStateException("no handler for " + collection + " (yet)");
        }
        return all.get(collection);
      }

      @Override
      public Map<String, Object> create(RequestContext ctx, Map<String, Object> resource) {
        return target().create(ctx, resource);
      }

      @Override
      public List<Map<String, Object>> createBulk(RequestContext ctx, List<Map<String, Object>> resources) {
        return target().createBulk(ctx, resources);
      }

      @Override
      public Map<String, Object> get(RequestContext ctx, String id) {
        return target().get(ctx, id);
      }

      @Override
      public List<Map<String, Object>> list(RequestContext ctx, ListQuery query) {
        return target().list(ctx, query);
      }

      @Override
      public void list(RequestContext ctx, ListQuery query, Consumer<List<Map<String, Object>>> pieces) {
        target().list(ctx, query, pieces);
      }

      @Override
      public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
        return target().update(ctx, id, changes);
      }

      @Override
      public void delete(RequestContext ctx, String id) {
        target().delete(ctx, id);
      }

      @Override
      public Map<String, Object> action(RequestContext ctx, String id, String action, Map<String, Object> body) {
        return target().action(ctx, id, action, body);
      }
    };
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
