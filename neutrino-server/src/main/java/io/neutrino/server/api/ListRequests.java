package io.neutrino.server.api;

import io.neutrino.lib.apidef.AttributeSpec;
import io.neutrino.lib.apidef.ResourceDef;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.validate.Converter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a list request's query string into a {@link ListQuery}, as neutron/api/api_common.py
 * does: filters are every parameter but the paging and field ones, repeated keys are OR, values
 * go through the attribute's converter, a key that is not a filter is a 400 (filter-validation),
 * and sort keys/dirs come in pairs.
 */
public final class ListRequests {
  private static final Set<String> NOT_FILTERS =
      Set.of("fields", "sort_key", "sort_dir", "limit", "marker", "page_reverse");

  /** Filters that some collections accept beyond their attributes (handled by the plugin). */
  private static final Map<String, Set<String>> EXTRA_FILTERS = Map.of(
      "ports", Set.of("fixed_ips", "ip_address_substr", "mac_address"),
      "networks", Set.of(),
      "subnets", Set.of());

  private static final Set<String> TAG_FILTERS = Set.of("tags", "tags-any", "not-tags", "not-tags-any");

  private ListRequests() {}

  public static ListQuery parse(ResourceDef def, Map<String, List<String>> params, boolean tagsEnabled) {
    Map<String, List<Object>> filters = new LinkedHashMap<>();
    List<String> invalid = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : params.entrySet()) {
      String key = e.getKey();
      if (NOT_FILTERS.contains(key)) {
        continue;
      }
      List<String> values = e.getValue();
      if (tagsEnabled && TAG_FILTERS.contains(key) && def.attribute("tags") != null) {
        List<Object> tags = new ArrayList<>();
        for (String v : values) {
          for (String t : v.split(",")) {
            if (!t.isEmpty()) {
              tags.add(t);
            }
          }
        }
        filters.put(key, tags);
        continue;
      }
      if (key.equals("changed_since") && def.attribute("updated_at") != null) {
        filters.put(key, List.of(timestamp(values.get(values.size() - 1))));
        continue;
      }
      AttributeSpec a = def.attribute(key);
      boolean extra = EXTRA_FILTERS.getOrDefault(def.collection(), Set.of()).contains(key);
      if ((a == null || !a.filter()) && !extra) {
        invalid.add(key);
        continue;
      }
      List<Object> converted = new ArrayList<>();
      for (String v : values) {
        if (a == null || key.equals("fixed_ips")) {
          converted.add(v);
          continue;
        }
        try {
          converted.add(a.converter().convert(v));
        } catch (Converter.InvalidValue ex) {
          throw Faults.badRequest("Invalid input for " + key + ". Reason: " + ex.getMessage() + ".");
        }
      }
      filters.put(key, converted);
    }
    if (!invalid.isEmpty()) {
      throw Faults.badRequest(pythonList(invalid) + " is invalid attribute for filtering");
    }
    return new ListQuery(filters, sorts(def, params), limit(params), first(params, "marker"),
        "true".equalsIgnoreCase(first(params, "page_reverse")), fields(params));
  }

  /** standard-attr-timestamp's {@code changed_since}: an ISO 8601 time, UTC when no offset. */
  private static java.time.Instant timestamp(String value) {
    try {
      return java.time.OffsetDateTime.parse(value).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      try {
        return java.time.LocalDateTime.parse(value).toInstant(java.time.ZoneOffset.UTC);
      } catch (java.time.format.DateTimeParseException e2) {
        throw Faults.badRequest("Invalid input for changed_since. Reason: '" + value
            + "' is not a valid timestamp (ISO 8601, e.g. 2026-11-25T18:00:00Z).");
      }
    }
  }

  static Set<String> fields(Map<String, List<String>> params) {
    Set<String> fields = new LinkedHashSet<>();
    for (String f : params.getOrDefault("fields", List.of())) {
      for (String part : f.split(",")) {
        if (!part.isBlank()) {
          fields.add(part.trim());
        }
      }
    }
    return fields;
  }

  private static List<ListQuery.Sort> sorts(ResourceDef def, Map<String, List<String>> params) {
    List<String> keys = nonEmpty(params.get("sort_key"));
    List<String> dirs = nonEmpty(params.get("sort_dir"));
    if (keys.size() != dirs.size()) {
      throw Faults.badRequest("The number of sort_keys and sort_dirs must be same");
    }
    List<String> absent = new ArrayList<>();
    for (String k : keys) {
      AttributeSpec a = def.attribute(k);
      if (a == null || !a.sortKey()) {
        absent.add(k);
      }
    }
    if (!absent.isEmpty()) {
      throw Faults.badRequest(pythonList(absent) + " is invalid attribute for sort_keys");
    }
    List<String> badDirs = dirs.stream().filter(d -> !d.equals("asc") && !d.equals("desc")).toList();
    if (!badDirs.isEmpty()) {
      throw Faults.badRequest(pythonList(badDirs)
          + " is invalid value for sort_dirs, valid value is 'asc' and 'desc'");
    }
    List<ListQuery.Sort> sorts = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i).equals("tenant_id") ? "project_id" : keys.get(i);
      sorts.add(new ListQuery.Sort(key, dirs.get(i).equals("asc")));
    }
    return sorts;
  }

  private static Integer limit(Map<String, List<String>> params) {
    String raw = first(params, "limit");
    if (raw == null) {
      return null;
    }
    try {
      int limit = Integer.parseInt(raw);
      if (limit >= 0) {
        return limit == 0 ? null : limit;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw Faults.badRequestFor("limit", "Limit must be an integer 0 or greater and not '" + raw + "'");
  }

  private static String first(Map<String, List<String>> params, String key) {
    List<String> v = params.get(key);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static List<String> nonEmpty(List<String> values) {
    return values == null ? List.of() : values.stream().filter(v -> !v.isEmpty()).toList();
  }

  /** Python's repr of a list of strings, as Neutron's messages show it. */
  static String pythonList(List<String> items) {
    List<String> quoted = items.stream().map(s -> "'" + s + "'").toList();
    return "[" + String.join(", ", quoted) + "]";
  }
}
