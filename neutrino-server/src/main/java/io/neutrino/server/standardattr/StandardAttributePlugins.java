package io.neutrino.server.standardattr;

import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.Plugin;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import io.neutrino.lib.spi.ResourceHandler;
import java.util.List;
import java.util.Map;

/**
 * Neutron's default service plugins {@code timestamp}, {@code revisions} and {@code tag}: the
 * core resources carry the standard attributes themselves (columns and the tags table), so each
 * plugin announces its extensions; the tags sub-resource is routed by the API router when
 * {@code standard-attr-tag} is loaded.
 */
public final class StandardAttributePlugins {
  private StandardAttributePlugins() {}

  private static final String UPDATED = "2022-10-01T00:00:00-00:00";

  static Plugin announcing(ExtensionDef... extensions) {
    List<ExtensionDef> list = List.of(extensions);
    return new Plugin() {
      @Override
      public Map<String, ResourceHandler> handlers() {
        return Map.of();
      }

      @Override
      public List<ExtensionDef> supportedExtensions() {
        return list;
      }
    };
  }

  /** Base for the three providers: one alias each in neutron.service_plugins. */
  abstract static class Provider implements PluginProvider {
    @Override
    public String namespace() {
      return Namespace.SERVICE_PLUGINS;
    }
  }

  public static final class Timestamp extends Provider {
    @Override
    public List<String> aliases() {
      return List.of("timestamp");
    }

    @Override
    public String className() {
      return "neutron.services.timestamp.timestamp_plugin.TimeStampPlugin";
    }

    @Override
    public Object create(PluginContext context) {
      return announcing(ExtensionDef.marker("standard-attr-timestamp", "Resource timestamps",
          "Adds created_at and updated_at fields to all Neutron resources that have Neutron standard attributes.", UPDATED));
    }
  }

  public static final class Revisions extends Provider {
    @Override
    public List<String> aliases() {
      return List.of("revisions");
    }

    @Override
    public String className() {
      return "neutron.services.revisions.revision_plugin.RevisionPlugin";
    }

    @Override
    public Object create(PluginContext context) {
      return announcing(
          ExtensionDef.marker("standard-attr-revisions", "Resource revision numbers",
              "This extension will display the revision number of neutron resources.", UPDATED),
          ExtensionDef.marker("revision-if-match", "If-Match constraints based on revision_number",
              "Extension indicating that If-Match based on revision_number is supported.", UPDATED));
    }
  }

  public static final class Tag extends Provider {
    @Override
    public List<String> aliases() {
      return List.of("tag");
    }

    @Override
    public String className() {
      return "neutron.services.tag.tag_plugin.TagPlugin";
    }

    @Override
    public Object create(PluginContext context) {
      return announcing(ExtensionDef.marker("standard-attr-tag", "Tag support for resources with standard attribute: subnet, trunk, network_segment_range, router, network, policy, subnetpool, port, security_group, floatingip",
          "Enables to set tag on resources with standard attribute.", UPDATED));
    }
  }
}
