package io.neutrino.server.policy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Neutron Zed's registered policy defaults, kept as data in {@code
 * /policy/neutron-zed-defaults.yaml}: every RuleDefault of neutron/conf/policies (stable/zed),
 * extracted mechanically with its new check string and its deprecated one.
 *
 * <p>{@link #neutronZed(boolean)} gives the effective defaults of a mode, the way oslo.policy's
 * {@code Enforcer._handle_deprecated_rule} computes them: with {@code [oslo_policy]
 * enforce_new_defaults = False} (Zed's default) a rule whose deprecated check string differs is
 * enforced as {@code (new) or (deprecated)}; with True only the new string counts. An operator
 * override of a rule replaces either form.
 */
public final class DefaultPolicies {
  private DefaultPolicies() {}

  public static final String RESOURCE = "/policy/neutron-zed-defaults.yaml";

  /** One registered default: name, new check string, deprecated check string (or null). */
  public record PolicyDefault(String name, String checkStr, String deprecatedCheckStr) {}

  private static volatile List<PolicyDefault> zed;

  /** All Zed defaults, in neutron.conf.policies.list_rules() order. */
  public static List<PolicyDefault> neutronZedDefaults() {
    List<PolicyDefault> d = zed;
    if (d == null) {
      d = load();
      zed = d;
    }
    return d;
  }

  /** The effective default rule strings of a mode, by name, in registration order. */
  public static Map<String, String> neutronZed(boolean enforceNewDefaults) {
    Map<String, String> out = new LinkedHashMap<>();
    for (PolicyDefault p : neutronZedDefaults()) {
      out.put(p.name(), effective(p, enforceNewDefaults));
    }
    return Collections.unmodifiableMap(out);
  }

  static String effective(PolicyDefault p, boolean enforceNewDefaults) {
    String dep = p.deprecatedCheckStr();
    if (enforceNewDefaults || dep == null || dep.equals(p.checkStr())) {
      return p.checkStr();
    }
    if (p.checkStr().isEmpty() || dep.isEmpty()) {
      return ""; // "always" on either side makes the OR always true
    }
    return "(" + p.checkStr() + ") or (" + dep + ")";
  }

  private static List<PolicyDefault> load() {
    try (InputStream in = DefaultPolicies.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      Map<String, Map<String, String>> raw =
          new YAMLMapper().readValue(in, new TypeReference<LinkedHashMap<String, Map<String, String>>>() {});
      List<PolicyDefault> out = new ArrayList<>(raw.size());
      raw.forEach((name, v) -> out.add(
          new PolicyDefault(name, v.getOrDefault("check_str", ""), v.get("deprecated_check_str"))));
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
