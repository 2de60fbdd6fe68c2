package io.neutrino.lib.events;

/**
 * When a callback runs, as neutron_lib/callbacks/events.py names it. BEFORE_* run before the
 * transaction and may refuse by throwing; PRECOMMIT_* run inside it (a throw rolls it back);
 * AFTER_* run after commit and can no longer change the outcome (a throw is only logged).
 */
public enum Event {
  BEFORE_CREATE, PRECOMMIT_CREATE, AFTER_CREATE,
  BEFORE_UPDATE, PRECOMMIT_UPDATE, AFTER_UPDATE,
  BEFORE_DELETE, PRECOMMIT_DELETE, AFTER_DELETE;

  public boolean isAfter() {
    return this == AFTER_CREATE || this == AFTER_UPDATE || this == AFTER_DELETE;
  }
}
