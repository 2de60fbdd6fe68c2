package io.neutrino.server.l3;

import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.spi.ResourceHandler;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The core plugin's ports, as the L3 plugin needs them (Neutron's L3 plugin calls
 * {@code self._core_plugin.create_port/get_port/update_port/delete_port}): router gateway and
 * interface ports and floating IP ports are ordinary core ports, allocated by the core's IPAM and
 * announced by its events. The server provides it as a service ({@code
 * ctx.service(CorePorts.class)}), usually {@link #lazy} over the core plugin's {@code ports}
 * handler since service plugins are created before the handler map exists.
 */
public interface CorePorts {
  /** Creates a port from a full API dict (the API layer's defaults are not applied). */
  Map<String, Object> create(RequestContext ctx, Map<String, Object> port);

  Map<String, Object> get(RequestContext ctx, String id);

  Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes);

  void delete(RequestContext ctx, String id);

  static CorePorts over(ResourceHandler ports) {
    return lazy(() -> ports);
  }

  /** Resolves the ports handler on first use. */
  static CorePorts lazy(Supplier<ResourceHandler> ports) {
    return new CorePorts() {
      @Override
      public Map<String, Object> create(RequestContext ctx, Map<String, Object> port) {
        return ports.get().create(ctx, port);
      }

      @Override
      public Map<String, Object> get(RequestContext ctx, String id) {
        return ports.get().get(ctx, id);
      }

      @Override
      public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
        return ports.get().update(ctx, id, changes);
      }

      @Override
      public void delete(RequestContext ctx, String id) {
        ports.get().delete(ctx, id);
      }
    };
  }
}
