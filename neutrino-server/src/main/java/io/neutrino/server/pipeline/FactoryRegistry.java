package io.neutrino.server.pipeline;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;

/**
 * Maps the factory strings of api-paste.ini (Python {@code module:object} references) to Java
 * factories. {@link #defaults()} knows every factory Neutron Zed's api-paste.ini names, plus the
 * equivalent {@code egg:} entry points of oslo.middleware. A fully-qualified Java class name
 * (optionally prefixed {@code java:}) implementing {@link FilterFactory} or {@link AppFactory}
 * with a public no-arg constructor is accepted anywhere a factory is.
 */
public final class FactoryRegistry {

  /** {@code neutron.api.v2.router:APIRouter.factory}: resolves to {@code builtInApps["api"]}. */
  public static final String API_APP_KEY = "api";

  private static final Pattern JAVA_CLASS =
      Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)+");

  private final Map<String, FilterFactory> filters = new LinkedHashMap<>();
  private final Map<String, AppFactory> apps = new LinkedHashMap<>();
  private final Map<String, String> aliases = new LinkedHashMap<>();

  /** An empty registry (Java class names still resolve). */
  public FactoryRegistry() {}

  /** The factories of Neutron Zed's api-paste.ini. */
  public static FactoryRegistry defaults() {
    FactoryRegistry r = new FactoryRegistry();
    r.registerFilter("oslo_middleware:RequestId.factory", RequestIdFilter.FACTORY);
    r.registerFilter("oslo_middleware.request_id:RequestId.factory", RequestIdFilter.FACTORY);
    r.registerFilter("oslo_middleware:CatchErrors.factory", CatchErrorsFilter.FACTORY);
    r.registerFilter("oslo_middleware.catch_errors:CatchErrors.factory", CatchErrorsFilter.FACTORY);
    r.registerFilter("oslo_middleware.cors:filter_factory", CorsFilter.FACTORY);
    r.registerFilter("oslo_middleware.cors:CORS.factory", CorsFilter.FACTORY);
    r.registerFilter("oslo_middleware:CORS.factory", CorsFilter.FACTORY);
    r.registerFilter("oslo_middleware.http_proxy_to_wsgi:HTTPProxyToWSGI.factory", HttpProxyToWsgiFilter.FACTORY);
    r.registerFilter("oslo_middleware:HTTPProxyToWSGI.factory", HttpProxyToWsgiFilter.FACTORY);
    r.registerFilter("neutron.api.extensions:ProjectIdMiddleware.factory", ProjectIdFilter.FACTORY);
    r.registerFilter("neutron.auth:NoauthFakeProjectId.factory", FakeProjectIdFilter.FACTORY);
    r.registerFilter("neutron.auth:NeutronKeystoneContext.factory", KeystoneContextFilter.FACTORY);
    r.registerFilter("keystonemiddleware.auth_token:filter_factory", AuthTokenFilter.FACTORY);
    r.registerFilter("neutron.api.extensions:plugin_aware_extension_middleware_factory", ExtensionsFilter.FACTORY);
    r.registerFilter("osprofiler.web:WsgiMiddleware.factory", OsProfilerFilter.FACTORY);
    r.registerApp("neutron.pecan_wsgi.app:versions_factory", VersionsApp.FACTORY);
    r.registerApp("neutron.api.v2.router:APIRouter.factory", FactoryRegistry::apiRouter);
    r.registerApp("neutron.pecan_wsgi.app:v2_factory", FactoryRegistry::apiRouter);
    r.registerApp("oslo_middleware:Healthcheck.app_factory", HealthcheckApp.FACTORY);
    r.registerApp("oslo_middleware.healthcheck:Healthcheck.app_factory", HealthcheckApp.FACTORY);
    // setup.cfg entry points of oslo.middleware / keystonemiddleware / osprofiler
    r.alias("egg:oslo.middleware#request_id", "oslo_middleware:RequestId.factory");
    r.alias("egg:oslo.middleware#catch_errors", "oslo_middleware:CatchErrors.factory");
    r.alias("egg:oslo.middleware#cors", "oslo_middleware:CORS.factory");
    r.alias("egg:oslo.middleware#http_proxy_to_wsgi", "oslo_middleware:HTTPProxyToWSGI.factory");
    r.alias("egg:oslo.middleware#healthcheck", "oslo_middleware:Healthcheck.app_factory");
    r.alias("egg:keystonemiddleware#auth_token", "keystonemiddleware.auth_token:filter_factory");
    return r;
  }

  private static Handler apiRouter(Map<String, String> conf, PipelineContext ctx) {
    Handler api = ctx.builtInApps().get(API_APP_KEY);
    if (api == null) {
      throw new PipelineException(
          "neutron.api.v2.router:APIRouter.factory: the server did not provide the API router "
              + "(PipelineContext.builtInApps has no '" + API_APP_KEY + "')");
    }
    return api;
  }

  public FactoryRegistry registerFilter(String name, FilterFactory factory) {
    filters.put(name, factory);
    return this;
  }

  public FactoryRegistry registerApp(String name, AppFactory factory) {
    apps.put(name, factory);
    return this;
  }

  /** Makes {@code name} (e.g. an {@code egg:dist#entry}) mean the registered {@code target}. */
  public FactoryRegistry alias(String name, String target) {
    aliases.put(name, target);
    return this;
  }

  private String canonical(String name) {
    String n = name.strip();
    if (n.startsWith("call:")) {
      n = n.substring("call:".length()).strip();
    }
    return aliases.getOrDefault(n, n);
  }

  /** A filter factory by api-paste.ini name, or a Java FilterFactory class. */
  public Optional<FilterFactory> filter(String name) {
    String n = canonical(name);
    FilterFactory f = filters.get(n);
    if (f != null) {
      return Optional.of(f);
    }
    return javaClass(n, FilterFactory.class);
  }

  /** An app factory by api-paste.ini name, or a Java AppFactory class. */
  public Optional<AppFactory> app(String name) {
    String n = canonical(name);
    AppFactory f = apps.get(n);
    if (f != null) {
      return Optional.of(f);
    }
    return javaClass(n, AppFactory.class);
  }

  private static <T> Optional<T> javaClass(String name, Class<T> type) {
    String cls = name.startsWith("java:") ? name.substring("java:".length()).strip() : name;
    if (!JAVA_CLASS.matcher(cls).matches()) {
      return Optional.empty();
    }
    Class<?> c;
    try {
      ClassLoader cl = Thread.currentThread().getContextClassLoader();
      c = Class.forName(cls, true, cl != null ? cl : FactoryRegistry.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      if (name.startsWith("java:")) {
        throw new PipelineException("Java class " + cls + " not found", e);
      }
      return Optional.empty();
    }
    if (!type.isAssignableFrom(c)) {
      throw new PipelineException("Java class " + cls + " does not implement " + type.getName());
    }
    if (Modifier.isAbstract(c.getModifiers())) {
      throw new PipelineException("Java class " + cls + " is abstract");
    }
    try {
      Constructor<?> ctor = c.getConstructor();
      return Optional.of(type.cast(ctor.newInstance()));
    } catch (NoSuchMethodException e) {
      throw new PipelineException("Java class " + cls + " has no public no-arg constructor", e);
    } catch (ReflectiveOperationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new PipelineException("Java class " + cls + " could not be instantiated: " + cause, cause);
    }
  }
}
