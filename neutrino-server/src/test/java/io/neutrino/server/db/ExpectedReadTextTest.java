package io.neutrino.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.lib.events.Callbacks.SideRead;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The text an expected read travels as, in front of a transaction's first statement
 * ({@link WriteBehind#inlined}): its values written in only where no escaping is needed.
 */
class ExpectedReadTextTest {
  static SideRead<Object> read(String sql, Object... params) {
    return SideRead.placedByCaller(sql, Arrays.asList(params), rs -> rs.getObject(1));
  }

  @Test
  void idsNamesAndNumbersAreWrittenIn() {
    assertThat(WriteBehind.inlined(read("SELECT quota_limit FROM quotas WHERE project_id = ? AND resource = ?",
        "2b7626e901fe4d33bedc729f95cf3dcf", "security_group_rule")))
        .isEqualTo("SELECT quota_limit FROM quotas WHERE project_id = '2b7626e901fe4d33bedc729f95cf3dcf'"
            + " AND resource = 'security_group_rule'");
    assertThat(WriteBehind.inlined(read("SELECT a FROM t WHERE id = ? AND n < ?",
        "0378852f-8cf0-4268-92ca-61dacffecc3e", 42L)))
        .isEqualTo("SELECT a FROM t WHERE id = '0378852f-8cf0-4268-92ca-61dacffecc3e' AND n < 42");
  }

  @Test
  void anythingThatWouldNeedEscapingIsNotSentAhead() {
    assertThat(WriteBehind.inlined(read("SELECT a FROM t WHERE id = ?", "it's"))).isNull();
    assertThat(WriteBehind.inlined(read("SELECT a FROM t WHERE id = ?", "a\\b"))).isNull();
    assertThat(WriteBehind.inlined(read("SELECT a FROM t WHERE id = ?", "two words"))).isNull();
    assertThat(WriteBehind.inlined(read("SELECT a FROM t WHERE id = ?", true))).isNull();
    assertThat(WriteBehind.inlined(read("SELECT a FROM t WHERE id = ?", "x".repeat(256)))).isNull();
  }

  @Test
  void aQuestionMarkInQuotedSqlIsNotAParameter() {
    // the placeholders are the statement parser's (PositionalSqlParser)
    assertThat(WriteBehind.inlined(read("SELECT a FROM t WHERE b = '?' AND id = ?", "x")))
        .isEqualTo("SELECT a FROM t WHERE b = '?' AND id = 'x'");
  }

  @Test
  void parametersAndPlaceholdersMustMatch() {
    assertThat(WriteBehind.inlined(read("SELECT a FROM t WHERE id = ? AND b = ?", "x"))).isNull();
    assertThat(WriteBehind.inlined(read("SELECT a FROM t WHERE id = ?", "x", "y"))).isNull();
    assertThat(WriteBehind.inlined(read("SELECT a FROM t"))).isEqualTo("SELECT a FROM t");
  }
}
