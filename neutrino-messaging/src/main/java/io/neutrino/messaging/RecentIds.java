package io.neutrino.messaging;

import java.util.ArrayDeque;

/**
 * The last 16 {@code _unique_id}s seen (oslo's _MsgIdCache): a broker may deliver a message twice
 * when an acknowledgement is lost; the second copy is dropped.
 */
final class RecentIds {
  private static final int SIZE = 16;
  private final ArrayDeque<String> ids = new ArrayDeque<>(SIZE);

  /** False if {@code id} was seen recently; null ids (old senders) always pass. */
  synchronized boolean firstTime(Object id) {
    if (!(id instanceof String s)) {
      return true;
    }
    if (ids.contains(s)) {
      return false;
    }
    if (ids.size() == SIZE) {
      ids.removeFirst();
    }
    ids.addLast(s);
    return true;
  }
}
