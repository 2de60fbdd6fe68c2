package io.neutrino.server.db;

import java.util.ArrayList;
import java.util.List;

/** SQL conditions joined by AND, with their positional parameters. */
public final class Where {
  private final List<String> conditions = new ArrayList<>();
  private final List<Object> params = new ArrayList<>();

  public Where add(String condition, List<?> values) {
    conditions.add(condition);
    params.addAll(values);
    return this;
  }

  /** {@code column IN (?, ?, …)}; an empty list matches nothing. */
  public Where in(String qualifiedColumn, List<?> values) {
    if (values.isEmpty()) {
      return add("1 = 0", List.of());
    }
    if (values.size() == 1) {
      return add(qualifiedColumn + " = ?", values);
    }
    String marks = String.join(", ", java.util.Collections.nCopies(values.size(), "?"));
    return add(qualifiedColumn + " IN (" + marks + ")", values);
  }

  public Where copy() {
    Where w = new Where();
    w.conditions.addAll(conditions);
    w.params.addAll(params);
    return w;
  }

  /** Whether there is no condition: every row of the table matches. */
  public boolean isEmpty() {
    return conditions.isEmpty();
  }

  public String sql() {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  public List<Object> params() {
    return params;
  }
}
