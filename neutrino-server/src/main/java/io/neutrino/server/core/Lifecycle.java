package io.neutrino.server.core;

import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.events.ResourceEvent;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The events one core resource publishes, so service plugins (security groups, L3, quotas …) hook
 * into its create/update/delete and extend its dicts without the core knowing them.
 */
final class Lifecycle {
  private final Callbacks callbacks;
  private final String resource;

  Lifecycle(Callbacks callbacks, String resource) {
    this.callbacks = callbacks;
    this.resource = resource;
  }

  void publish(Event event, Handle tx, RequestContext ctx, String id, Map<String, Object> original,
      Map<String, Object> latest, Map<String, Object> request) {
    callbacks.publish(new ResourceEvent(resource, event, ctx, id, original, latest, request, tx));
  }

  void extend(List<Map<String, Object>> rows, Handle tx) {
    callbacks.extend(resource, rows, tx);
  }

  /** The extenders' reads of a page of a list, stated (see Callbacks#pageReads). */
  List<Callbacks.PageRead> pageReads(List<Map<String, Object>> rows) {
    return callbacks.pageReads(resource, rows);
  }

  /** The extenders' stated reads for one resource shown by id (see Callbacks#sideReads). */
  List<Callbacks.SideRead<?>> sideReads(String id) {
    return callbacks.sideReads(resource, id);
  }

  /** Extends the one resource whose {@link #sideReads} ran and gave {@code rows}. */
  void extendOne(Map<String, Object> item, List<Callbacks.SideRead<?>> reads, List<List<?>> rows, Handle tx) {
    callbacks.extendOne(resource, item, reads, rows, tx);
  }

  /** Extends rows this transaction has just created (their PRECOMMIT_CREATE ran on them). */
  void extendWritten(List<Map<String, Object>> rows, List<Map<String, Object>> written, Handle tx) {
    callbacks.extendWritten(resource, rows, written, tx);
  }

  boolean hasSubscribers(Event event) {
    return callbacks.hasSubscribers(resource, event);
  }
}
