package io.neutrino.example;

import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.Plugin;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import io.neutrino.lib.spi.ResourceHandler;
import java.util.List;
import java.util.Map;

/**
 * A third-party service plugin, built against neutrino-lib only: dropping this jar on the class
 * path (or in the plugins folder) and listing {@code example} (or this class name) in {@code
 * service_plugins} is all it takes for {@code GET /v2.0/extensions} to show its extension.
 */
public final class ExamplePluginProvider implements PluginProvider {
  @Override
  public String namespace() {
    return Namespace.SERVICE_PLUGINS;
  }

  @Override
  public List<String> aliases() {
    return List.of("example");
  }

  @Override
  public String className() {
    return "io.neutrino.example.ExamplePlugin";
  }

  @Override
  public Object create(PluginContext context) {
    String greeting = context.option("example", "greeting").orElse("hello");
    return new Plugin() {
      @Override
      public Map<String, ResourceHandler> handlers() {
        return Map.of();
      }

      @Override
      public List<ExtensionDef> supportedExtensions() {
        return List.of(ExtensionDef.marker("neutrino-example", "Example plugin",
            "Proves plugins load by name: " + greeting, "2026-11-25T00:00:00-00:00"));
      }
    };
  }
}
