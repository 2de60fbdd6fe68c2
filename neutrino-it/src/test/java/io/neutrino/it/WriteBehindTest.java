package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neutrino.lib.events.Callbacks.SideRead;
import io.neutrino.server.config.DatabaseUrl;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.WriteBehind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes held back to travel with a transaction's next statement or its commit ({@link
 * WriteBehind}), on each database the tests run on: what a transaction reads, commits and rolls
 * back is what it would be with every write sent at once; a held write's failure reaches its
 * writer's rule; and on the networked databases the held writes and the COMMIT are one round trip.
 */
class WriteBehindTest {
  static String connection;
  static Database db;
  static final List<String> statements = new ArrayList<>();

  @BeforeAll
  static void open() {
    connection = TestServer.freshDatabase("neutrino_it_wb");
    DatabaseUrl url = DatabaseUrl.parse(connection);
    db = Database.open(url.jdbcUrl(), url.user(), url.password(), 2);
    db.txVoid(h -> h.execute("CREATE TABLE wb (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL)"));
    db.onStatement(sql -> {
      synchronized (statements) {
        statements.add(sql);
      }
    });
  }

  @AfterAll
  static void close() {
    db.close();
    TestServer.dropDatabase(connection);
  }

  @BeforeEach
  void empty() {
    db.txVoid(h -> h.execute("DELETE FROM wb"));
    synchronized (statements) {
      statements.clear();
    }
  }

  static List<String> names() {
    return db.read(h -> h.createQuery("SELECT name FROM wb ORDER BY id").mapTo(String.class).list());
  }

  static boolean networked() {
    return db.vendor() != Database.Vendor.H2;
  }

  @Test
  void aReadInTheTransactionSeesTheHeldWrites() {
    List<String> seen = db.tx(h -> {
      WriteBehind.write(h, WriteBehind.OnFailure.NONE, "INSERT INTO wb (id, name) VALUES (?, ?)", 1, "a");
      WriteBehind.write(h, WriteBehind.OnFailure.NONE, "INSERT INTO wb (id, name) VALUES (?, ?), (?, ?)",
          2, "b", 3, "c");
      return h.createQuery("SELECT name FROM wb ORDER BY id").mapTo(String.class).list();
    });
    assertThat(seen).containsExactly("a", "b", "c");
    assertThat(names()).containsExactly("a", "b", "c");
  }

  @Test
  void heldWritesAndTheCommitAreOneRoundTrip() {
    db.txVoid(h -> {
      h.createQuery("SELECT COUNT(*) FROM wb").mapTo(Integer.class).one();
      WriteBehind.write(h, WriteBehind.OnFailure.NONE, "INSERT INTO wb (id, name) VALUES (?, ?)", 1, "a");
      WriteBehind.write(h, WriteBehind.OnFailure.NONE, "INSERT INTO wb (id, name) VALUES (?, ?)", 2, "b");
    });
    assertThat(names()).containsExactly("a", "b");
    List<String> sent;
    synchronized (statements) {
      sent = List.copyOf(statements);
    }
    if (networked()) {
      // (MariaDB: START TRANSACTION first, then) the read, then both inserts with COMMIT in one text
      String last = sent.get(sent.size() - 2); // the last is the names() read
      assertThat(last).contains("INSERT INTO wb").endsWith("COMMIT");
      assertThat(last.split("INSERT INTO wb", -1)).hasSize(3);
    } else {
      assertThat(sent).filteredOn(s -> s.startsWith("INSERT INTO wb")).hasSize(2);
    }
  }

  @Test
  void aFailureRollsBackEverythingTheTransactionWrote() {
    assertThatThrownBy(() -> db.txVoid(h -> {
      h.execute("INSERT INTO wb (id, name) VALUES (?, ?)", 1, "sent at once");
      WriteBehind.write(h, WriteBehind.OnFailure.NONE, "INSERT INTO wb (id, name) VALUES (?, ?)", 2, "held");
      h.createQuery("SELECT COUNT(*) FROM wb").mapTo(Integer.class).one();
      WriteBehind.write(h, WriteBehind.OnFailure.NONE, "INSERT INTO wb (id, name) VALUES (?, ?)", 3, "held");
      throw new IllegalStateException("the work fails after its writes");
    })).hasMessageContaining("the work fails");
    assertThat(names()).isEmpty();
  }

  @Test
  void aHeldWriteThatFailsAtCommitRollsBackTheWritesBeforeIt() {
    db.txVoid(h -> h.execute("INSERT INTO wb (id, name) VALUES (?, ?)", 9, "there"));
    assertThatThrownBy(() -> db.txVoid(h -> {
      WriteBehind.write(h, WriteBehind.OnFailure.NONE, "INSERT INTO wb (id, name) VALUES (?, ?)", 1, "ok");
      WriteBehind.write(h, WriteBehind.OnFailure.NONE, "INSERT INTO wb (id, name) VALUES (?, ?)", 9, "dup");
    })).satisfies(e -> assertThat(Database.isDuplicateKey(e)).as("%s", e).isTrue());
    assertThat(names()).containsExactly("there");
  }

  @Test
  void aHeldWritesFailureReachesItsWriterAndTheTransactionRunsAgain() {
    db.txVoid(h -> h.execute("INSERT INTO wb (id, name) VALUES (?, ?)", 1, "taken"));
    AtomicInteger attempts = new AtomicInteger();
    db.txVoid(h -> {
      int id = attempts.incrementAndGet(); // 1 collides, 2 is free
      WriteBehind.write(h, e -> Database.isDuplicateKey(e) ? new Database.RetryRequest("id taken") : null,
          "INSERT INTO wb (id, name) VALUES (?, ?)", id, "new");
      // a statement of another writer carries the held write: its failure is not this one's
      h.execute("UPDATE wb SET name = name WHERE id = 0");
    });
    assertThat(attempts).hasValue(2);
    assertThat(names()).containsExactly("taken", "new");
  }

  @Test
  void aReadAheadLeavesTheWritesHeld() {
    int count = db.tx(h -> {
      h.createQuery("SELECT COUNT(*) FROM wb").mapTo(Integer.class).one(); // the transaction is open
      WriteBehind.write(h, WriteBehind.OnFailure.NONE, "INSERT INTO wb (id, name) VALUES (?, ?)", 1, "a");
      return WriteBehind.ahead(h, r -> r.createQuery("SELECT COUNT(*) FROM wb").mapTo(Integer.class).one());
    });
    // ahead of the held insert on the networked databases; H2 holds nothing back
    assertThat(count).isEqualTo(networked() ? 0 : 1);
    assertThat(names()).containsExactly("a");
    // Before MariaDB's transaction is open, nothing goes ahead of it: the read is sent in order.
    int first = db.tx(h -> {
      WriteBehind.write(h, WriteBehind.OnFailure.NONE, "INSERT INTO wb (id, name) VALUES (?, ?)", 2, "b");
      return WriteBehind.ahead(h, r -> r.createQuery("SELECT COUNT(*) FROM wb").mapTo(Integer.class).one());
    });
    assertThat(first).isEqualTo(db.vendor() == Database.Vendor.POSTGRESQL ? 1 : 2);
  }

  @Test
  void outsideATransactionAWriteIsSentAtOnce() {
    db.read(h -> {
      WriteBehind.write(h, WriteBehind.OnFailure.NONE, "INSERT INTO wb (id, name) VALUES (?, ?)", 1, "a");
      return null;
    });
    assertThat(names()).containsExactly("a");
    assertThatThrownBy(() -> db.read(h -> {
      WriteBehind.write(h, e -> new IllegalArgumentException("mine"), "INSERT INTO wb (id, name) VALUES (?, ?)",
          1, "again");
      return null;
    })).isInstanceOf(IllegalArgumentException.class).hasMessage("mine");
  }

  @Test
  void theStatementCarryingTheOpeningAnswersItsOwnResultInsideTheTransaction() {
    db.txVoid(h -> h.execute("INSERT INTO wb (id, name) VALUES (?, ?)", 1, "a"));
    // an update first: its row count is its own, and the transaction it opened undoes it
    assertThatThrownBy(() -> db.txVoid(h -> {
      assertThat(h.execute("UPDATE wb SET name = ? WHERE id = ?", "b", 1)).isEqualTo(1);
      assertThat(h.createQuery("SELECT name FROM wb WHERE id = 1").mapTo(String.class).one()).isEqualTo("b");
      throw new IllegalStateException("undo");
    })).hasMessage("undo");
    assertThat(names()).containsExactly("a");
    // a query first: its rows are its own
    List<String> read = db.tx(h -> h.createQuery("SELECT name FROM wb").mapTo(String.class).list());
    assertThat(read).containsExactly("a");
    // an update that matches nothing counts nothing
    int none = db.tx(h -> h.execute("UPDATE wb SET name = ? WHERE id = ?", "c", 2));
    assertThat(none).isZero();
  }

  @Test
  void mariaDbOpensATransactionWithOneStatement() {
    db.tx(h -> h.createQuery("SELECT COUNT(*) FROM wb").mapTo(Integer.class).one());
    List<String> sent;
    synchronized (statements) {
      sent = List.copyOf(statements);
    }
    assertThat(sent).filteredOn(s -> s.contains("wb")).hasSize(1);
    if (db.vendor() == Database.Vendor.MARIADB) {
      // the opening travels in front of the first statement's own text
      assertThat(sent).containsExactly("START TRANSACTION;\nSELECT COUNT(*) FROM wb", "COMMIT");
    }
  }

  static SideRead<String> nameOf(Object id) {
    return SideRead.placedByCaller("SELECT name FROM wb WHERE id = ?", List.of(id), rs -> rs.getString(1));
  }

  @Test
  void anExpectedReadTravelsWithTheOpeningAndAnswersWhatWasCommittedThen() {
    db.txVoid(h -> h.execute("INSERT INTO wb (id, name) VALUES (?, ?)", 1, "a"));
    synchronized (statements) {
      statements.clear();
    }
    SideRead<String> read = nameOf(1);
    List<Object> seen = WriteBehind.expecting(List.of(read), () -> db.tx(h -> {
      // the first statement is the update: its row count is still its own
      int updated = h.execute("UPDATE wb SET name = ? WHERE id = ?", "b", 1);
      var early = WriteBehind.answeredEarly(h, read);
      var again = WriteBehind.answeredEarly(h, read);
      return List.of(updated, early, again);
    }));
    List<String> sent;
    synchronized (statements) {
      sent = List.copyOf(statements);
    }
    assertThat(seen.get(0)).isEqualTo(1);
    assertThat(names()).containsExactly("b");
    if (networked()) {
      // in front of the update (on MariaDB after the opening), so it answers the name before it;
      // given once
      assertThat(seen.get(1)).isEqualTo(java.util.Optional.of(List.of("a")));
      assertThat(seen.get(2)).isEqualTo(java.util.Optional.empty());
      String opening = db.vendor() == Database.Vendor.MARIADB ? "START TRANSACTION;\n" : "";
      assertThat(sent).first().isEqualTo(opening + "SELECT name FROM wb WHERE id = 1;\n"
          + "UPDATE wb SET name = ? WHERE id = ?");
    } else {
      // H2 has no round trips to save: the asker reads in its turn
      assertThat(seen.get(1)).isEqualTo(java.util.Optional.empty());
      assertThat(sent).noneMatch(q -> q.contains("SELECT name FROM wb"));
    }
  }

  @Test
  void anExpectedReadIsSentUntilItsAnswerIsTaken() {
    db.txVoid(h -> h.execute("INSERT INTO wb (id, name) VALUES (?, ?)", 1, "a"));
    SideRead<String> read = nameOf(1);
    List<Boolean> carried = WriteBehind.expecting(List.of(read), () -> {
      // a transaction that does not ask: it carries the read, but its answer is not kept for the next
      boolean first = carries(() -> db.tx(h -> h.createQuery("SELECT COUNT(*) FROM wb").mapTo(Integer.class).one()));
      boolean[] taken = new boolean[1];
      boolean second = carries(() -> db.tx(h -> {
        h.createQuery("SELECT COUNT(*) FROM wb").mapTo(Integer.class).one();
        taken[0] = WriteBehind.answeredEarly(h, read).isPresent();
        return null;
      }));
      // taken by the second: the third carries nothing
      boolean third = carries(() -> db.tx(h -> {
        h.createQuery("SELECT COUNT(*) FROM wb").mapTo(Integer.class).one();
        return WriteBehind.answeredEarly(h, read).isPresent();
      }));
      return List.of(first, second, taken[0], third);
    });
    assertThat(carried).containsExactly(networked(), networked(), networked(), false);
  }

  /** Whether {@code tx} sent the expected read of {@link #nameOf}. */
  static boolean carries(Runnable tx) {
    synchronized (statements) {
      statements.clear();
    }
    tx.run();
    synchronized (statements) {
      return statements.stream().anyMatch(q -> q.contains("SELECT name FROM wb"));
    }
  }

  @Test
  void anExpectedReadWithAValueThatIsNotPlainIsAskedInItsTurn() {
    SideRead<String> quoted = nameOf("1' OR '1' = '1");
    boolean early = WriteBehind.expecting(List.of(quoted), () -> db.tx(h -> {
      h.createQuery("SELECT COUNT(*) FROM wb").mapTo(Integer.class).one();
      return WriteBehind.answeredEarly(h, quoted).isPresent();
    }));
    assertThat(early).isFalse();
    synchronized (statements) {
      assertThat(statements).noneMatch(q -> q.contains("SELECT name FROM wb"));
    }
  }
}
