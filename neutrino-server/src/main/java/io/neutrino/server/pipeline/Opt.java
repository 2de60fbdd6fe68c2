package io.neutrino.server.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * oslo.middleware's {@code ConfigurableMiddleware._conf_get}: a key of the paste section's
 * local_conf overrides the neutron.conf option of the middleware's group.
 */
final class Opt {
  private final Map<String, String> local;
  private final PipelineContext ctx;
  private final String group;

  Opt(Map<String, String> local, PipelineContext ctx, String group) {
    this.local = local;
    this.ctx = ctx;
    this.group = group;
  }

  Optional<String> get(String key) {
    String v = local.get(key);
    return v != null ? Optional.of(v) : ctx.get(group, key);
  }

  String string(String key, String dflt) {
    return get(key).orElse(dflt);
  }

  boolean bool(String key, boolean dflt) {
    Optional<String> v = get(key);
    return v.isEmpty() || v.get().isBlank() ? dflt : PipelineContext.parseBool(group + "." + key, v.get());
  }

  List<String> list(String key, List<String> dflt) {
    Optional<String> v = get(key);
    return v.isEmpty() ? dflt : PipelineContext.splitList(v.get());
  }

  int integer(String key, int dflt) {
    Optional<String> v = get(key);
    if (v.isEmpty() || v.get().isBlank()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.get().strip());
    } catch (NumberFormatException e) {
      throw new PipelineException("Invalid integer value for " + group + "." + key + ": '" + v.get() + "'");
    }
  }
}
