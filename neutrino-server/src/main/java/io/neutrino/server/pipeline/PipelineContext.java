package io.neutrino.server.pipeline;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.eclipse.jetty.server.Handler;

/**
 * What the server hands the pipeline builder.
 *
 * @param authStrategy {@code [DEFAULT] auth_strategy}: names the line of a
 *     {@code call:neutron.auth:pipeline_factory} composite to use ("keystone", "noauth")
 * @param option (section, key) -&gt; the neutron.conf value as written, if set; the filters read
 *     their oslo options ([cors], [oslo_middleware], [profiler], [healthcheck]) through it
 * @param builtInApps handlers built by the server; {@code "api"} is the v2.0 API router that
 *     {@code neutron.api.v2.router:APIRouter.factory} resolves to
 * @param adminRoleCheck how {@code keystonecontext} decides is_admin (Neutron's
 *     {@code context_is_admin} policy rule); null means {@link AdminRoleCheck#DEFAULT}
 *     ({@code role:admin})
 */
public record PipelineContext(
    String authStrategy,
    BiFunction<String, String, Optional<String>> option,
    Map<String, Handler> builtInApps,
    AdminRoleCheck adminRoleCheck) {

  public PipelineContext {
    if (authStrategy == null || authStrategy.isBlank()) {
      authStrategy = "keystone"; // neutron's default
    }
    if (option == null) {
      option = (s, k) -> Optional.empty();
    }
    builtInApps = builtInApps == null ? Map.of() : Map.copyOf(builtInApps);
    if (adminRoleCheck == null) {
      adminRoleCheck = AdminRoleCheck.DEFAULT;
    }
  }

  /** Context with the default admin check ({@code role:admin}). */
  public PipelineContext(
      String authStrategy,
      BiFunction<String, String, Optional<String>> option,
      Map<String, Handler> builtInApps) {
    this(authStrategy, option, builtInApps, null);
  }

  /** This context with another admin check (e.g. the policy engine's context_is_admin). */
  public PipelineContext withAdminRoleCheck(AdminRoleCheck check) {
    return new PipelineContext(authStrategy, option, builtInApps, check);
  }

  /**
   * A filter option as paste deploy and oslo.config resolve it for keystonemiddleware: the
   * paste section's local conf wins over {@code [section] key} of the configuration.
   */
  public Optional<String> get(Map<String, String> localConf, String section, String key) {
    if (localConf != null) {
      String v = localConf.get(key);
      if (v != null) {
        return Optional.of(v);
      }
    }
    return get(section, key);
  }

  /** Context without configuration; convenient for tests. */
  public static PipelineContext of(String authStrategy, Map<String, Handler> builtInApps) {
    return new PipelineContext(authStrategy, null, builtInApps);
  }

  public Optional<String> get(String section, String key) {
    Optional<String> v = option.apply(section, key);
    return v == null ? Optional.empty() : v;
  }

  public String getString(String section, String key, String dflt) {
    return get(section, key).orElse(dflt);
  }

  /** oslo.config BoolOpt parsing: true/1/on/yes and false/0/off/no, case-insensitive. */
  public boolean getBool(String section, String key, boolean dflt) {
    Optional<String> v = get(section, key);
    if (v.isEmpty() || v.get().isBlank()) {
      return dflt;
    }
    return parseBool(section + "." + key, v.get());
  }

  static boolean parseBool(String what, String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true", "1", "on", "yes":
        return true;
      case "false", "0", "off", "no":
        return false;
      default:
        throw new PipelineException("Invalid boolean value for " + what + ": '" + value + "'");
    }
  }

  /** oslo.config ListOpt parsing: comma separated, items stripped, empty items dropped. */
  public java.util.List<String> getList(String section, String key, java.util.List<String> dflt) {
    Optional<String> v = get(section, key);
    if (v.isEmpty()) {
      return dflt;
    }
    return splitList(v.get());
  }

  static java.util.List<String> splitList(String value) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String s : value.split(",")) {
      String t = s.trim();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  public int getInt(String section, String key, int dflt) {
    Optional<String> v = get(section, key);
    if (v.isEmpty() || v.get().isBlank()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.get().trim());
    } catch (NumberFormatException e) {
      throw new PipelineException(
          "Invalid integer value for " + section + "." + key + ": '" + v.get() + "'");
    }
  }
}
