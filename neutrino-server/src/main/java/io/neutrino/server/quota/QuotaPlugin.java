package io.neutrino.server.quota;

import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.apidef.Quota;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.Plugin;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.db.Database;
import java.util.List;
import java.util.Map;

/**
 * The quota engine as a service plugin ({@code quotas}): the {@code quotas} collection with the
 * {@code quotas}, {@code quota_details} and {@code quota-check-limit} extensions, and enforcement
 * of the limits on every create of a counted resource. The engine is the server's
 * {@link QuotaEngine} service when the server offers one (so other plugins can register what
 * they count), else one of its own.
 */
public final class QuotaPlugin implements Plugin {
  private final QuotaEngine engine;
  private final Callbacks callbacks;
  private final QuotaResource handler;
  private final List<String> resources = Quota.RESOURCES;

  public QuotaPlugin(PluginContext ctx) {
    this.callbacks = ctx.service(Callbacks.class);
    QuotaEngine shared;
    try {
      shared = ctx.service(QuotaEngine.class);
    } catch (IllegalStateException none) {
      shared = new QuotaEngine(ctx.service(Database.class), QuotaDefaults.from(ctx));
    }
    this.engine = shared;
    this.handler = new QuotaResource(ctx.service(Database.class), engine, resources);
  }

  public QuotaEngine engine() {
    return engine;
  }

  @Override
  public Map<String, ResourceHandler> handlers() {
    return Map.of(Quota.COLLECTION, handler);
  }

  @Override
  public List<ExtensionDef> supportedExtensions() {
    return List.of(Quota.quotas(resources), Quota.quotaDetails(), Quota.checkLimit());
  }

  @Override
  public void start() {
    engine.start(callbacks);
  }

  /** {@code neutron.service_plugins: quotas}. */
  public static final class Provider implements PluginProvider {
    @Override
    public String namespace() {
      return Namespace.SERVICE_PLUGINS;
    }

    @Override
    public List<String> aliases() {
      return List.of("quotas");
    }

    @Override
    public String className() {
      return "neutron.extensions.quotasv2.Quotasv2";
    }

    @Override
    public Object create(PluginContext context) {
      return new QuotaPlugin(context);
    }
  }
}
