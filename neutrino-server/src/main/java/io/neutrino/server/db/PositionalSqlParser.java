package io.neutrino.server.db;

import java.util.Arrays;
import org.jdbi.v3.core.statement.ParsedSql;
import org.jdbi.v3.core.statement.SqlParser;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * JDBI's statement parser for SQL that binds by position only ({@code ?}), which is all this
 * server writes. JDBI's default parser runs an ANTLR lexer for {@code :name} parameters on every
 * statement text it has not cached; texts that carry inline id lists are new each time, and that
 * lexer was a tenth of a port create's CPU. This one is a single pass that skips quoted text.
 */
final class PositionalSqlParser implements SqlParser {
  @Override
  public ParsedSql parse(String sql, StatementContext ctx) {
    ParsedSql.Builder out = ParsedSql.builder();
    int start = 0;
    for (int at : placeholders(sql)) {
      out.append(sql.substring(start, at)).appendPositionalParameter();
      start = at + 1;
    }
    return out.append(sql.substring(start)).build();
  }

  /** Where {@code sql}'s parameters are: each {@code ?} outside quoted text, in order. */
  static int[] placeholders(String sql) {
    int[] out = new int[8];
    int n = 0;
    char quote = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0; // a doubled quote ('') closes and reopens: same outcome
        }
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == '?') {
        if (n == out.length) {
          out = Arrays.copyOf(out, n * 2);
        }
        out[n++] = i;
      }
    }
    return Arrays.copyOf(out, n);
  }

  @Override
  public String nameParameter(String rawName, StatementContext ctx) {
    throw new UnsupportedOperationException("named parameters are not used: bind by position");
  }
}
