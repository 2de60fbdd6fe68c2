package io.neutrino.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.jdbi.v3.core.statement.ParsedSql;
import org.junit.jupiter.api.Test;

class PositionalSqlParserTest {
  private final PositionalSqlParser parser = new PositionalSqlParser();

  @Test
  void questionMarksOutsideQuotesAreParameters() {
    ParsedSql p = parser.parse("SELECT a FROM t WHERE b = ? AND c IN (?, ?)", null);
    assertThat(p.getSql()).isEqualTo("SELECT a FROM t WHERE b = ? AND c IN (?, ?)");
    assertThat(p.getParameters().getParameterCount()).isEqualTo(3);
    assertThat(p.getParameters().isPositional()).isTrue();
  }

  @Test
  void quotedTextAndColonsAreLeftAlone() {
    ParsedSql p = parser.parse("SELECT 'what?', \"odd?col\", x::text FROM t WHERE d = 'it''s?' AND e = ?", null);
    assertThat(p.getSql()).isEqualTo("SELECT 'what?', \"odd?col\", x::text FROM t WHERE d = 'it''s?' AND e = ?");
    assertThat(p.getParameters().getParameterCount()).isEqualTo(1);
  }
}
