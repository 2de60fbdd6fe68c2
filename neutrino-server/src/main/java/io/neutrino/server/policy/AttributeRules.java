package io.neutrino.server.policy;

import io.neutrino.lib.apidef.AttributeSpec;
import io.neutrino.lib.apidef.ResourceDef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Neutron's attribute-based policy logic (neutron/policy.py {@code _build_match_rule},
 * {@code _is_attribute_explicitly_set}, {@code _should_validate_sub_attributes},
 * {@code _build_subattr_match_rule}, {@code _build_list_of_subattrs_rule}).
 *
 * <p>For an action other than get/delete, every attribute of the resource (in declaration order)
 * that is explicitly set and marked enforce_policy adds {@code rule:ACTION:ATTR}; a list value
 * adds {@code rule:ACTION:ATTR:KEY} for each key of each dict element (fixed_ips,
 * allowed_address_pairs); a {@code type:dict} attribute whose validator names its keys adds one
 * rule per named key present. "Explicitly set" means, for an update (the target names the
 * attributes being updated, Neutron's {@code attributes_to_update}), being one of them with a
 * value other than ATTR_NOT_SPECIFIED; for a create, being present, specified and different from
 * the attribute's default.
 */
public final class AttributeRules {
  private AttributeRules() {}

  /** The key under which Neutron puts the updated attribute names into the target. */
  public static final String ATTRIBUTES_TO_UPDATE = "attributes_to_update";

  /**
   * The match rule for {@code action} on {@code target}; {@code attributesToUpdate} is the set
   * of attributes in the update request body, or null for a create (then the target's own
   * {@value #ATTRIBUTES_TO_UPDATE}, if any, is used). {@code def} may be null (no attribute
   * rules, as for a resource Neutron has no attribute map for).
   */
  public static MatchRule build(String action, ResourceDef def, Map<String, Object> target,
      Collection<String> attributesToUpdate) {
    return build(action, def, target, attributesToUpdate, spec -> null);
  }

  /**
   * As {@link #build(String, ResourceDef, Map, Collection)}, with {@code dictSubAttributes}
   * giving, for an attribute validated as {@code type:dict*} with a key specification, the keys
   * it declares (null otherwise). None of the core resources has such an enforce_policy
   * attribute (binding:profile is type:dict_or_none without keys).
   */
  public static MatchRule build(String action, ResourceDef def, Map<String, Object> target,
      Collection<String> attributesToUpdate,
      Function<AttributeSpec, Collection<String>> dictSubAttributes) {
    if (def == null || !attributeBased(action)) {
      return MatchRule.of(action);
    }
    if (target == null) {
      target = Map.of();
    }
    Collection<?> atu = attributesToUpdate;
    if (atu == null && target.get(ATTRIBUTES_TO_UPDATE) instanceof Collection<?> c) {
      atu = c;
    }
    boolean update = atu != null && !atu.isEmpty();
    List<String> names = new ArrayList<>();
    names.add(action);
    Check match = new Checks.Rule(action);
    for (AttributeSpec spec : def.attributes().values()) {
      String name = spec.name();
      if (!spec.enforcePolicy() || !explicitlySet(spec, target, update ? atu : null)) {
        continue;
      }
      String attrRule = action + ":" + name;
      names.add(attrRule);
      Check attr = new Checks.Rule(attrRule);
      Object value = target.get(name);
      Collection<String> dictKeys = dictSubAttributes.apply(spec);
      if (dictKeys != null && !dictKeys.isEmpty() && iterable(value)) {
        List<Check> subs = new ArrayList<>();
        for (String k : dictKeys) {
          if (contains(value, k)) {
            names.add(attrRule + ":" + k);
            subs.add(new Checks.Rule(attrRule + ":" + k));
          }
        }
        attr = new Checks.And(List.of(attr, new Checks.And(subs)));
      }
      if (value instanceof List<?> list) {
        List<Check> subs = new ArrayList<>();
        for (Object el : list) {
          if (el instanceof Map<?, ?> m) {
            for (Object k : m.keySet()) {
              names.add(attrRule + ":" + k);
              subs.add(new Checks.Rule(attrRule + ":" + k));
            }
          }
        }
        if (!subs.isEmpty()) {
          attr = new Checks.And(List.of(attr, new Checks.And(subs)));
        }
      }
      match = new Checks.And(List.of(match, attr));
    }
    return new MatchRule(action, match, names);
  }

  /** Neutron's get_resource_and_action: attribute rules apply unless the verb is get/delete. */
  static boolean attributeBased(String action) {
    int colon = action.indexOf(':');
    String head = colon < 0 ? action : action.substring(0, colon);
    int us = head.indexOf('_');
    String verb = us < 0 ? head : head.substring(0, us);
    return !verb.equals("get") && !verb.equals("delete");
  }

  /** The collection an action is about: "create_network:shared" gives "networks". */
  static String collectionOf(String action) {
    int colon = action.indexOf(':');
    String head = colon < 0 ? action : action.substring(0, colon);
    int us = head.indexOf('_');
    return (us < 0 ? head : head.substring(us + 1)) + "s";
  }

  static boolean explicitlySet(AttributeSpec spec, Map<String, Object> target,
      Collection<?> attributesToUpdate) {
    String name = spec.name();
    if (attributesToUpdate != null) {
      return attributesToUpdate.contains(name) && target.containsKey(name)
          && target.get(name) != AttributeSpec.NOT_SPECIFIED;
    }
    if (!target.containsKey(name)) {
      return false;
    }
    Object value = target.get(name);
    if (value == AttributeSpec.NOT_SPECIFIED) {
      return false;
    }
    if (spec.hasDefault()) {
      return !Py.eq(value, spec.defaultValue());
    }
    return true;
  }

  private static boolean iterable(Object v) {
    return v instanceof Map || v instanceof Collection || v instanceof String;
  }

  private static boolean contains(Object container, String key) {
    if (container instanceof Map<?, ?> m) {
      return m.containsKey(key);
    }
    if (container instanceof Collection<?> c) {
      return c.contains(key);
    }
    return container instanceof String s && s.contains(key);
  }
}
