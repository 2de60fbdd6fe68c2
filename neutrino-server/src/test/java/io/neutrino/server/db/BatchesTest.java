package io.neutrino.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.neutrino.lib.events.Callbacks;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;

class BatchesTest {
  @Test
  void longListsOfServerGeneratedIdsAreWrittenInline() {
    List<Object> ids = new ArrayList<>();
    ids.add("ABCDEF-12");
    for (int i = 0; i < 20; i++) {
      ids.add("6f1c0d3e-0000-4000-8000-0000000000" + (10 + i));
    }
    var in = Batches.in(ids);
    assertThat(in.sql()).startsWith("('ABCDEF-12', '6f1c0d3e-0000-4000-8000-000000000010', ")
        .endsWith("'6f1c0d3e-0000-4000-8000-000000000029')");
    assertThat(in.bound()).isEmpty();
  }

  @Test
  void shortListsAreBoundSoTheirStatementIsCached() {
    var in = Batches.in(List.of("6f1c0d3e-0000-4000-8000-00000000000a", "ABCDEF-12"));
    assertThat(in.sql()).isEqualTo("(?, ?)");
    assertThat(in.bound()).hasSize(2);
  }

  @Test
  void anythingElseIsBound() {
    List<Object> ids = List.of("abc", "x'); DROP TABLE ports; --");
    var in = Batches.in(ids);
    assertThat(in.sql()).isEqualTo("(?, ?)");
    assertThat(in.bound()).isEqualTo(ids);
    assertThat(Batches.in(List.of(42)).sql()).isEqualTo("(?)");
  }

  @Test
  void chunksStayUnderTheStatementLimit() {
    List<Object> ids = new ArrayList<>();
    for (int i = 0; i < 1201; i++) {
      ids.add("id" + i);
    }
    assertThat(Batches.chunks(ids)).extracting(List::size).containsExactly(500, 500, 201);
  }

  /** A side table with two rows per key, keys being 2,000 random UUIDs, sorted. */
  private static List<String> fill(Handle h) {
    h.execute("CREATE TABLE side (k VARCHAR(36) NOT NULL, v VARCHAR(10) NOT NULL, PRIMARY KEY (k, v))");
    List<String> keys = new ArrayList<>();
    var batch = h.prepareBatch("INSERT INTO side (k, v) VALUES (?, ?)");
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 2000; i++) {
      String k = new UUID(random.nextLong(), random.nextLong()).toString();
      keys.add(k);
      batch.bind(0, k).bind(1, "a").add();
      batch.bind(0, k).bind(1, "b").add();
    }
    batch.execute();
    keys.sort(null);
    return keys;
  }

  private static List<Map.Entry<String, String>> read(Handle h, List<?> ids) {
    return Batches.rowsFor(h, "SELECT k, v FROM side WHERE v <> ? AND", List.of("zz"), "k", ids, "k, v",
        rs -> Map.entry(rs.getString(1), rs.getString(2)), Map.Entry::getKey);
  }

  private static List<Map.Entry<String, String>> expected(List<String> ids) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    ids.stream().sorted().forEach(k -> {
      out.add(Map.entry(k, "a"));
      out.add(Map.entry(k, "b"));
    });
    return out;
  }

  @Test
  void sideRowsOfADenseListAreExactlyThoseOfItsIds() {
    try (Handle h = Jdbi.create("jdbc:h2:mem:dense").open()) {
      List<String> keys = fill(h);
      List<String> most = new ArrayList<>(keys.subList(3, 1990));
      most.remove(700);
      assertThat(read(h, most)).containsExactlyElementsOf(expected(most));
    }
  }

  @Test
  void sideRowsOfASparseListAreExactlyThoseOfItsIds() {
    try (Handle h = Jdbi.create("jdbc:h2:mem:sparse").open()) {
      List<String> keys = fill(h);
      List<String> every20th = new ArrayList<>();
      for (int i = 0; i < keys.size(); i += 20) {
        every20th.add(keys.get(i));
      }
      assertThat(read(h, every20th)).containsExactlyElementsOf(expected(every20th));
    }
  }

  @Test
  void idsThatAreNotCanonicalUuidsAreReadByList() {
    try (Handle h = Jdbi.create("jdbc:h2:mem:odd").open()) {
      List<String> keys = fill(h);
      List<Object> ids = new ArrayList<>(keys.subList(0, 100));
      ids.add("Not-A-Uuid");
      ids.add(keys.get(5).toUpperCase());
      assertThat(read(h, ids)).containsExactlyElementsOf(expected(keys.subList(0, 100)));
    }
  }

  /** Copies of the keys: other String objects than any page's, so no dense run is theirs. */
  private static List<Object> fresh(List<String> keys) {
    List<Object> out = new ArrayList<>();
    keys.forEach(k -> out.add(new String(k)));
    return out;
  }

  private static Batches.KeyedRead<Map.Entry<String, String>> stated(List<Object> ids, boolean acrossTables) {
    Callbacks.RowReader<Map.Entry<String, String>> reader = rs -> Map.entry(rs.getString(1), rs.getString(2));
    return acrossTables
        ? Batches.statedAcrossTables("SELECT k, v FROM side WHERE", List.of(), "k", ids, "k, v", reader, Map.Entry::getKey)
        : Batches.stated("SELECT k, v FROM side WHERE", List.of(), "k", ids, "k, v", reader, Map.Entry::getKey);
  }

  private static List<Map.Entry<String, String>> rows(Handle h, Batches.KeyedRead<Map.Entry<String, String>> read) {
    return read.rows(h, Database.oneByOne(h, read.reads()));
  }

  @Test
  void aPageReadAsADenseRunIsReadByKeyRangeFromTwoIds() {
    try (Handle h = Jdbi.create("jdbc:h2:mem:run").open()) {
      List<String> keys = fill(h);
      List<Object> page = fresh(keys.subList(100, 105));
      assertThat(stated(page, false).reads()).singleElement()
          .satisfies(r -> assertThat(r.sql()).contains("k IN ("));
      Batches.denseRun(page);
      var read = stated(page, false);
      assertThat(read.reads()).singleElement().satisfies(r -> assertThat(r.sql()).contains("k BETWEEN ? AND ?"));
      assertThat(rows(h, read)).containsExactlyElementsOf(expected(keys.subList(100, 105)));
      // other ids (the same values, other objects) are not the page
      assertThat(stated(fresh(keys.subList(100, 105)), false).reads()).singleElement()
          .satisfies(r -> assertThat(r.sql()).contains("k IN ("));
    }
  }

  @Test
  void aDenseRunSaysNothingAboutASideTableKeyedAcrossTables() {
    List<Object> page = fresh(List.of("00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002",
        "00000000-0000-4000-8000-000000000003"));
    Batches.denseRun(page);
    assertThat(stated(page, true).reads()).singleElement().satisfies(r -> assertThat(r.sql()).contains("k IN ("));
  }

  @Test
  void aDenseRunWhoseRangeHoldsOtherKeysStillReadsExactlyItsOwn() {
    try (Handle h = Jdbi.create("jdbc:h2:mem:notdense").open()) {
      List<String> keys = fill(h);
      List<String> every20th = new ArrayList<>();
      for (int i = 0; i < 200; i += 20) {
        every20th.add(keys.get(i));
      }
      // told wrongly that the ids are dense (tags' keys are: another table's rows lie between)
      List<Object> page = fresh(every20th);
      Batches.denseRun(page);
      var read = stated(page, false);
      assertThat(read.reads()).singleElement().satisfies(r -> assertThat(r.sql()).contains("BETWEEN"));
      assertThat(rows(h, read)).containsExactlyElementsOf(expected(every20th));
    }
  }

  @Test
  void aDenseRunWithManyRowsPerIdIsStillOneRead() {
    Jdbi jdbi = Jdbi.create("jdbc:h2:mem:many");
    List<String> sent = new ArrayList<>();
    jdbi.setSqlLogger(new SqlLogger() {
      @Override
      public void logBeforeExecution(StatementContext ctx) {
        sent.add(ctx.getRenderedSql());
      }
    });
    try (Handle h = jdbi.open()) {
      List<String> keys = fill(h);
      List<String> own = keys.subList(500, 505);
      var extra = h.prepareBatch("INSERT INTO side (k, v) VALUES (?, ?)");
      for (String k : own) {
        for (int i = 0; i < 8; i++) {
          extra.bind(0, k).bind(1, "c" + i).add(); // ten rows per id, like a network's subnets
        }
      }
      extra.execute();
      List<Object> page = fresh(own);
      Batches.denseRun(page);
      var read = stated(page, false);
      sent.clear();
      List<Map.Entry<String, String>> rows = rows(h, read);
      assertThat(rows).hasSize(50);
      assertThat(sent).as("no second read by IN-list").hasSize(1);
    }
  }
}
