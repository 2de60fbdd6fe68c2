package io.neutrino.server.ml2.ext;

import io.neutrino.server.db.WriteBehind;
import org.jdbi.v3.core.Handle;

/** What the drivers share about the transaction they are handed. */
final class DriverRows {
  private DriverRows() {}

  /**
   * Inserts a new resource's row, held with the transaction's other writes (WriteBehind): sent
   * before its next statement or with its COMMIT, not in a round trip of its own.
   */
  static void insert(Handle h, String sql, Object... params) {
    WriteBehind.write(h, WriteBehind.OnFailure.NONE, sql, params);
  }

  /** The open transaction a hook is handed (the server's hooks run on a JDBI handle). */
  static Handle handle(Object transaction) {
    return (Handle) transaction;
  }
}
