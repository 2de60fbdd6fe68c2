package io.neutrino.lib.spi;

import java.util.List;

/**
 * A {@link java.util.ServiceLoader} provider: one entry point in one namespace. Register an
 * implementation in {@code META-INF/services/io.neutrino.lib.spi.PluginProvider}; a jar on the
 * class path (or in the plugins folder) is then loadable by its alias or by the class name of
 * what it creates. Only providers the configuration selects are instantiated.
 */
public interface PluginProvider {
  /** One of {@link Namespace}'s names. */
  String namespace();

  /** Aliases configuration may use (e.g. {@code ml2}, {@code router}). */
  List<String> aliases();

  /** The class name configuration may use instead of an alias (Neutron accepts both). */
  String className();

  Object create(PluginContext context);
}
