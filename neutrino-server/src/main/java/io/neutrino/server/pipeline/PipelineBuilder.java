package io.neutrino.server.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composes the server's Jetty handler from api-paste.ini as paste deploy composes neutron's
 * WSGI application.
 *
 * <ul>
 *   <li>{@code [composite:X] use = egg:Paste#urlmap}: {@link UrlMapHandler} (paths are not
 *       stripped, see there).
 *   <li>{@code [composite:X] use = call:neutron.auth:pipeline_factory} (or
 *       {@code paste.composite_factory = neutron.auth:pipeline_factory}): the line named by
 *       {@link PipelineContext#authStrategy()}; its last word is the app, the others filters
 *       applied right to left (the first listed is outermost). Filters are built left to right,
 *       then the app, as Neutron does.
 *   <li>{@code [pipeline:X] pipeline = f1 f2 app}: same composition.
 *   <li>{@code [filter:X]} / {@code [app:X]}: factory from {@code paste.filter_factory} /
 *       {@code paste.app_factory} or {@code use = call:...|egg:...|java:...}, resolved by the
 *       {@link FactoryRegistry}; {@code use = otherSection} inherits that section's factory and
 *       keys. local_conf = the other keys. {@code filter-with} on an app is honoured.
 * </ul>
 *
 * Everything is resolved and constructed here, once: any unknown section, unknown factory or
 * unsupported filter is a {@link PipelineException} naming the section and factory.
 */
public final class PipelineBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineBuilder.class);

  /** The classpath resource holding Zed's api-paste.ini. */
  public static final String DEFAULT_RESOURCE = "/etc/api-paste.ini";

  public static final String DEFAULT_COMPOSITE = "neutron";

  private final PasteConfig config;
  private final PipelineContext ctx;
  private final FactoryRegistry registry;
  private final Deque<String> building = new ArrayDeque<>();

  private PipelineBuilder(PasteConfig config, PipelineContext ctx, FactoryRegistry registry) {
    this.config = config;
    this.ctx = ctx;
    this.registry = registry;
  }

  /**
   * Builds the application named {@code compositeName} (usually "neutron") from an
   * api-paste.ini file; a null path means the bundled default ({@link #DEFAULT_RESOURCE}).
   */
  public static Handler build(Path apiPasteIni, String compositeName, PipelineContext ctx) {
    PasteConfig cfg = apiPasteIni == null ? loadDefault() : PasteConfig.parse(apiPasteIni);
    return build(cfg, compositeName, ctx, FactoryRegistry.defaults());
  }

  public static Handler build(Reader apiPasteIni, String compositeName, PipelineContext ctx) {
    return build(PasteConfig.parse(apiPasteIni), compositeName, ctx, FactoryRegistry.defaults());
  }

  /** Builds from the bundled default api-paste.ini ({@link #DEFAULT_RESOURCE}). */
  public static Handler build(String compositeName, PipelineContext ctx) {
    return build(loadDefault(), compositeName, ctx, FactoryRegistry.defaults());
  }

  public static Handler build(
      PasteConfig config, String compositeName, PipelineContext ctx, FactoryRegistry registry) {
    String name = compositeName == null || compositeName.isBlank() ? DEFAULT_COMPOSITE : compositeName;
    PipelineBuilder b = new PipelineBuilder(config, ctx, registry);
    Handler h = b.app(name, "the server (entry point)");
    LOG.info("Built API pipeline '{}' from {} with auth_strategy = {}", name, config.source(), ctx.authStrategy());
    return h;
  }

  /** The bundled api-paste.ini, parsed. */
  public static PasteConfig loadDefault() {
    InputStream in = PipelineBuilder.class.getResourceAsStream(DEFAULT_RESOURCE);
    if (in == null) {
      throw new PipelineException("Bundled " + DEFAULT_RESOURCE + " not found on the classpath");
    }
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return PasteConfig.parse(r, "classpath:" + DEFAULT_RESOURCE, "");
    } catch (IOException e) {
      throw new PipelineException("Cannot read bundled " + DEFAULT_RESOURCE + ": " + e.getMessage(), e);
    }
  }

  private String where(PasteConfig.Section s) {
    return config.source() + " [" + s.header() + "]";
  }

  private void enter(PasteConfig.Section s) {
    if (building.contains(s.header())) {
      throw new PipelineException(where(s) + ": circular reference: " + String.join(" -> ", building) + " -> " + s.header());
    }
    building.push(s.header());
  }

  private Handler app(String name, String referrer) {
    PasteConfig.Section s =
        config.findApp(name).orElseThrow(() -> new PipelineException(
            config.source() + ": no [app:" + name + "], [composite:" + name + "] or [pipeline:" + name
                + "] section (referenced from " + referrer + ")"));
    enter(s);
    try {
      return switch (s.type()) {
        case "composite" -> composite(s);
        case "pipeline" -> pipeline(s);
        case "app", "application" -> plainApp(s);
        default -> throw new PipelineException(where(s) + ": section type '" + s.type() + "' is not supported");
      };
    } finally {
      building.pop();
    }
  }

  private Handler.Wrapper filter(String name, String referrer) {
    PasteConfig.Section s =
        config.findFilter(name).orElseThrow(() -> new PipelineException(
            config.source() + ": no [filter:" + name + "] section (referenced from " + referrer + ")"));
    enter(s);
    try {
      Resolved r = resolve(s, "paste.filter_factory");
      FilterFactory f = lookup(s, r.factory, () -> registry.filter(r.factory)).orElseThrow(() -> new PipelineException(
          where(s) + ": unknown filter factory '" + r.factory + "'"));
      Handler.Wrapper w = create(s, r.factory, () -> f.create(r.localConf, ctx));
      if (w == null) {
        throw new PipelineException(where(s) + ": filter factory '" + r.factory + "' returned null");
      }
      return w;
    } finally {
      building.pop();
    }
  }

  private interface Creator<T> {
    T create();
  }

  private <T> Optional<T> lookup(PasteConfig.Section s, String factory, Creator<Optional<T>> c) {
    try {
      return c.create();
    } catch (PipelineException e) {
      throw new PipelineException(where(s) + " (" + factory + "): " + e.getMessage(), e);
    }
  }

  private <T> T create(PasteConfig.Section s, String factory, Creator<T> c) {
    try {
      return c.create();
    } catch (PipelineException e) {
      if (e.getMessage() != null && e.getMessage().contains("[" + s.header() + "]")) {
        throw e;
      }
      throw new PipelineException(where(s) + " (" + factory + "): " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new PipelineException(where(s) + ": factory '" + factory + "' failed: " + e, e);
    }
  }

  /** The factory string and local_conf of a filter/app section, following {@code use = section}. */
  private record Resolved(String factory, Map<String, String> localConf) {}

  private Resolved resolve(PasteConfig.Section s, String factoryKey) {
    Optional<String> explicit = s.get(factoryKey);
    Optional<String> use = s.get("use");
    if (explicit.isPresent()) {
      return new Resolved(explicit.get().strip(), s.localConf());
    }
    if (use.isEmpty()) {
      throw new PipelineException(where(s) + ": no '" + factoryKey + "' nor 'use' key");
    }
    String u = use.get().strip();
    if (u.startsWith("config:")) {
      throw new PipelineException(where(s) + ": 'use = " + u + "' (config: references) is not supported");
    }
    if (!u.contains(":") && !u.contains("#") && config.section(s.type(), u).isPresent()
        && !u.equals(s.name())) {
      PasteConfig.Section parent = config.section(s.type(), u).get();
      enter(parent);
      try {
        Resolved pr = resolve(parent, factoryKey);
        Map<String, String> merged = new LinkedHashMap<>(pr.localConf);
        merged.putAll(s.localConf());
        return new Resolved(pr.factory, merged);
      } finally {
        building.pop();
      }
    }
    return new Resolved(u, s.localConf());
  }

  private Handler plainApp(PasteConfig.Section s) {
    Resolved r = resolve(s, "paste.app_factory");
    AppFactory f = lookup(s, r.factory, () -> registry.app(r.factory)).orElseThrow(() -> new PipelineException(
        where(s) + ": unknown app factory '" + r.factory + "'"));
    Handler app = create(s, r.factory, () -> f.create(r.localConf, ctx));
    if (app == null) {
      throw new PipelineException(where(s) + ": app factory '" + r.factory + "' returned null");
    }
    Optional<String> filterWith = s.get("filter-with");
    if (filterWith.isPresent()) {
      Handler.Wrapper w = filter(filterWith.get().strip(), "[" + s.header() + "] filter-with");
      w.setHandler(app);
      return w;
    }
    return app;
  }

  private Handler composite(PasteConfig.Section s) {
    String factory = s.get("paste.composite_factory").or(() -> s.get("use")).map(String::strip)
        .orElseThrow(() -> new PipelineException(where(s) + ": no 'use' nor 'paste.composite_factory' key"));
    String f = factory.startsWith("call:") ? factory.substring(5).strip() : factory;
    switch (f) {
      case "egg:Paste#urlmap", "egg:paste#urlmap", "paste.urlmap:urlmap_factory" -> {
        Map<String, Handler> mapping = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : s.localConf().entrySet()) {
          String prefix = e.getKey();
          try {
            UrlMapHandler.normalise(prefix);
          } catch (PipelineException ex) {
            throw new PipelineException(where(s) + ": " + ex.getMessage());
          }
          mapping.put(prefix, app(e.getValue().strip(), "[" + s.header() + "] " + prefix));
        }
        if (mapping.isEmpty()) {
          throw new PipelineException(where(s) + ": urlmap without any path");
        }
        return new UrlMapHandler(mapping);
      }
      case "neutron.auth:pipeline_factory" -> {
        String strategy = ctx.authStrategy();
        String line = s.localConf().get(strategy);
        if (line == null) {
          throw new PipelineException(where(s) + ": no pipeline for auth_strategy '" + strategy
              + "' (defined: " + String.join(", ", s.localConf().keySet()) + ")");
        }
        return compose(s, line);
      }
      default -> throw new PipelineException(where(s) + ": unknown composite factory '" + factory
          + "' (supported: egg:Paste#urlmap, call:neutron.auth:pipeline_factory)");
    }
  }

  private Handler pipeline(PasteConfig.Section s) {
    String line = s.get("pipeline").orElseThrow(() -> new PipelineException(where(s) + ": no 'pipeline' key"));
    return compose(s, line);
  }

  /** f1 f2 ... app: filters built left to right, then the app; f1 ends up outermost. */
  private Handler compose(PasteConfig.Section s, String line) {
    String[] names = line.strip().split("\\s+");
    if (names.length == 0 || names[0].isEmpty()) {
      throw new PipelineException(where(s) + ": empty pipeline");
    }
    List<Handler.Wrapper> filters = new ArrayList<>();
    for (int i = 0; i < names.length - 1; i++) {
      filters.add(filter(names[i], "[" + s.header() + "]"));
    }
    Handler app = app(names[names.length - 1], "[" + s.header() + "]");
    for (int i = filters.size() - 1; i >= 0; i--) {
      Handler.Wrapper w = filters.get(i);
      w.setHandler(app);
      app = w;
    }
    return app;
  }
}
