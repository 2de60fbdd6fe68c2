package io.neutrino.server.db;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jdbi.v3.core.statement.Query;

/**
 * Id lists for {@code IN (…)} queries: split so no statement grows past what databases accept,
 * and written so the database tests membership cheaply.
 */
public final class Batches {
  public static final int SIZE = 500;
  /** Lists longer than this are written inline (see {@link #in}). */
  private static final int INLINE_FROM = 16;

  private Batches() {}

  public static List<List<Object>> chunks(List<Object> ids) {
    List<List<Object>> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += SIZE) {
      out.add(ids.subList(i, Math.min(ids.size(), i + SIZE)));
    }
    return out;
  }

  public static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  /**
   * One chunk as an SQL list. Ids the server generated (UUIDs: hex and dashes only, so nothing to
   * escape) are written inline: H2 then checks each row against a hash set of constants, where with
   * bound parameters it compares every row with every parameter (500 × rows string compares,
   * a quarter of listing 10,000 ports). Short lists, and anything else, are bound: an inline text
   * is new to the statement caches every time, so it is parsed and planned again.
   */
  public static InList in(List<Object> chunk) {
    boolean inline = chunk.size() > INLINE_FROM;
    for (Object id : chunk) {
      if (!(id instanceof String s) || !uuidShaped(s)) {
        inline = false;
        break;
      }
    }
    if (!inline) {
      return new InList("(" + marks(chunk.size()) + ")", chunk);
    }
    StringBuilder sql = new StringBuilder("(");
    for (int i = 0; i < chunk.size(); i++) {
      sql.append(i == 0 ? "'" : ", '").append(chunk.get(i)).append('\'');
    }
    return new InList(sql.append(')').toString(), List.of());
  }

  /** Hex digits and dashes only (a regular expression here cost more than the query). */
  private static boolean uuidShaped(String s) {
    if (s.isEmpty() || s.length() > 64) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** An {@code IN} list's SQL and the values still to bind, in order. */
  public record InList(String sql, List<Object> bound) {
    /** Binds the values at positions {@code from}, {@code from + 1} … of {@code q}. */
    public Query bind(Query q, int from) {
      for (int i = 0; i < bound.size(); i++) {
        q.bind(from + i, bound.get(i));
      }
      return q;
    }
  }
}
