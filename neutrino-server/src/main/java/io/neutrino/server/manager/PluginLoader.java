package io.neutrino.server.manager;

import io.neutrino.lib.spi.InvalidConfiguration;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds entry points by namespace and name, as stevedore does for Neutron: a name is an alias
 * ({@code ml2}, {@code router}) or the class name of what the provider creates. Providers come
 * from {@link ServiceLoader} over the given class loader, so a jar on the class path or in the
 * plugins folder is loadable by configuration alone. Only selected providers are instantiated.
 */
public final class PluginLoader {
  private final ClassLoader classLoader;

  public PluginLoader(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  public Optional<PluginProvider> find(String namespace, String name) {
    return ServiceLoader.load(PluginProvider.class, classLoader).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.namespace().equals(namespace))
        .filter(p -> p.aliases().contains(name) || p.className().equals(name))
        .findFirst();
  }

  /** Creates the named entry point or stops start-up naming the option that asked for it. */
  public Object load(String namespace, String name, PluginContext ctx, String section, String option) {
    PluginProvider p = find(namespace, name).orElseThrow(() -> new InvalidConfiguration(section,
        option, "no plugin named '" + name + "' in namespace " + namespace + " (known: "
            + String.join(", ", names(namespace)) + ")"));
    return p.create(ctx);
  }

  /** Every alias registered in a namespace, for error messages and documentation. */
  public List<String> names(String namespace) {
    return ServiceLoader.load(PluginProvider.class, classLoader).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.namespace().equals(namespace))
        .flatMap(p -> p.aliases().stream())
        .sorted()
        .toList();
  }
}
