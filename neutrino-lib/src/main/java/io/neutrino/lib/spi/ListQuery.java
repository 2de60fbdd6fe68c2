package io.neutrino.lib.spi;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A list request after the API layer has checked it: filters already converted to attribute
 * values (repeated keys are OR, different keys AND), sort keys, and paging. {@code limit} null
 * means no limit. {@code fields} empty means all visible fields.
 */
public record ListQuery(
    Map<String, List<Object>> filters,
    List<Sort> sorts,
    Integer limit,
    String marker,
    boolean pageReverse,
    Set<String> fields) {

  public ListQuery {
    filters = Map.copyOf(filters);
    sorts = List.copyOf(sorts);
    fields = Set.copyOf(fields);
  }

  public static ListQuery all() {
    return new ListQuery(Map.of(), List.of(), null, null, false, Set.of());
  }

  public static ListQuery where(String attribute, Object... values) {
    return new ListQuery(Map.of(attribute, List.of(values)), List.of(), null, null, false, Set.of());
  }

  public record Sort(String key, boolean ascending) {}
}
