package io.neutrino.server.ml2;

import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import java.util.List;

/** Registers ML2 as {@code neutron.core_plugins: ml2}. */
public final class Ml2PluginProvider implements PluginProvider {
  @Override
  public String namespace() {
    return Namespace.CORE_PLUGINS;
  }

  @Override
  public List<String> aliases() {
    return List.of("ml2");
  }

  @Override
  public String className() {
    return "neutron.plugins.ml2.plugin.Ml2Plugin";
  }

  @Override
  public Object create(PluginContext context) {
    return new Ml2Plugin(context);
  }
}
