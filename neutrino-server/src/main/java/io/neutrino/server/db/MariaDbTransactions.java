package io.neutrino.server.db;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * MariaDB transactions that cost no round trips of their own: {@code START TRANSACTION} travels
 * with the transaction's first statements and {@code COMMIT} with its last writes ({@link
 * WriteBehind}). JDBI's handler switches the connection's autocommit off and on instead, and
 * MariaDB's driver sends each switch as a statement: two round trips per transaction. The
 * connection stays in autocommit mode throughout, so anything run outside {@link Database#tx} is
 * its own transaction, as before.
 *
 * <p>Only whole transactions through {@link #inTransaction}: {@link Database#tx} is the one way in,
 * and nothing here uses JDBI's begin/commit or savepoints, which therefore refuse.
 */
final class MariaDbTransactions implements TransactionHandler {
  private static final String BEGIN = "START TRANSACTION";
  /** Per handle (see {@link #specialize}): whether its transaction is open. */
  private boolean open;

  @Override
  public TransactionHandler specialize(Handle handle) {
    return new MariaDbTransactions();
  }

  @Override
  public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
    open = true;
    boolean committed = false;
    try {
      R result = WriteBehind.commitAround(handle, BEGIN, h -> call(callback, h));
      committed = true;
      return result;
    } finally {
      open = false;
      // Sends nothing (commit and rollback happened above); runs the handle's after-commit or
      // after-rollback callbacks, as JDBI's own handler does.
      if (committed) {
        handle.commit();
      } else {
        handle.rollback();
      }
    }
  }

  @Override
  public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level,
      HandleCallback<R, X> callback) throws X {
    throw new UnsupportedOperationException("transactions run at the pool's isolation level");
  }

  @Override
  public boolean isInTransaction(Handle handle) {
    return open;
  }

  @Override
  public void commit(Handle handle) {
    requireClosed("commit");
  }

  @Override
  public void rollback(Handle handle) {
    requireClosed("rollback");
  }

  @Override
  public void begin(Handle handle) {
    throw new UnsupportedOperationException("begin: use Database.tx");
  }

  @Override
  public void savepoint(Handle handle, String name) {
    throw new UnsupportedOperationException("savepoints are not used");
  }

  @Override
  public void rollbackToSavepoint(Handle handle, String name) {
    throw new UnsupportedOperationException("savepoints are not used");
  }

  @Override
  public void releaseSavepoint(Handle handle, String name) {
    throw new UnsupportedOperationException("savepoints are not used");
  }

  /** Handle.commit/rollback after {@link #inTransaction} ended it; anything else is a misuse. */
  private void requireClosed(String what) {
    if (open) {
      throw new UnsupportedOperationException(what + " inside a transaction: return from Database.tx instead");
    }
  }

  private static <R, X extends Exception> R call(HandleCallback<R, X> callback, Handle h) {
    try {
      return callback.withHandle(h);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw WriteBehind.<RuntimeException>sneaky(e);
    }
  }
}
