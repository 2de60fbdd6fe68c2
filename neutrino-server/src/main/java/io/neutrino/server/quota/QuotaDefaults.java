package io.neutrino.server.quota;

import io.neutrino.lib.spi.InvalidConfiguration;
import io.neutrino.lib.spi.PluginContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The {@code [quotas]} defaults (neutron/conf/quota.py): {@code quota_<resource>} for the
 * resources Neutron gives an option, {@code default_quota} (-1, unlimited) for every other one.
 * Negative values mean unlimited and are kept as -1.
 */
public final class QuotaDefaults {
  public static final String SECTION = "quotas";

  /** Zed's options and defaults; subnetpool has no option of its own. */
  private static final Map<String, Integer> BUILT_IN = Map.of(
      "network", 100, "subnet", 100, "port", 500, "router", 10, "floatingip", 50,
      "security_group", 10, "security_group_rule", 100, "rbac_policy", 10);

  private final int defaultQuota;
  private final Map<String, Integer> perResource;

  public QuotaDefaults(int defaultQuota, Map<String, Integer> perResource) {
    this.defaultQuota = normalize(defaultQuota);
    Map<String, Integer> m = new LinkedHashMap<>();
    perResource.forEach((k, v) -> m.put(k, normalize(v)));
    this.perResource = Map.copyOf(m);
  }

  public static QuotaDefaults zed() {
    return new QuotaDefaults(-1, BUILT_IN);
  }

  public static QuotaDefaults from(PluginContext ctx) {
    return from(ctx::option);
  }

  /** From any option lookup ({@code (section, key) -> value}), e.g. the server's Config::get. */
  public static QuotaDefaults from(BiFunction<String, String, Optional<String>> options) {
    int dflt = intOption(options, "default_quota").orElse(-1);
    Map<String, Integer> m = new LinkedHashMap<>();
    for (var e : BUILT_IN.entrySet()) {
      Optional<Integer> v = intOption(options, "quota_" + e.getKey());
      if (v.isEmpty() && e.getKey().equals("rbac_policy")) {
        v = intOption(options, "quota_rbac_entry"); // deprecated name
      }
      m.put(e.getKey(), v.orElse(e.getValue()));
    }
    return new QuotaDefaults(dflt, m);
  }

  private static Optional<Integer> intOption(
      BiFunction<String, String, Optional<String>> options, String key) {
    Optional<String> raw = options.apply(SECTION, key);
    if (raw.isEmpty() || raw.get().isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(raw.get().trim()));
    } catch (NumberFormatException e) {
      throw new InvalidConfiguration(SECTION, key, "not an integer: '" + raw.get().trim() + "'");
    }
  }

  private static int normalize(int v) {
    return v < 0 ? -1 : v;
  }

  /** The default limit of {@code resource}. */
  public int of(String resource) {
    return perResource.getOrDefault(resource, defaultQuota);
  }
}
