package io.neutrino.server.api;

import java.util.Collection;
import java.util.function.Supplier;

/**
 * Wraps every create the API runs, knowing what is created and for which projects, so that a
 * service can prepare what the create's transactions will ask: the quota engine has the limits its
 * precommit checks sent with the transaction's opening ({@code QuotaEngine.creating}).
 */
public interface CreateScope {
  /** Runs {@code create}, which makes {@code resource}s (singular: "port") of {@code projects}. */
  <T> T run(String resource, Collection<String> projects, Supplier<T> create);
}
