package io.neutrino.server.core;

import io.neutrino.lib.context.RequestContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * What the core plugin runs around every create, update and delete of a network, subnet or port,
 * besides the callbacks: ML2 calls its mechanism drivers there and binds ports. Unlike an AFTER_*
 * callback, a postcommit failure reaches the caller: on create the core resource deletes what it
 * created and returns the error, as Neutron's ML2 does.
 */
public interface ResourceDrivers {
  /** No drivers: the core resources alone. */
  ResourceDrivers NONE = new ResourceDrivers() {
    @Override
    public void precommit(Change change, Handle tx) {}

    @Override
    public void postcommit(Change change) {}
  };

  enum Op { CREATE, UPDATE, DELETE }

  /**
   * {@link Change#state} of a network's create: its own segments as the create wrote them
   * ({@code List<NetworkSegment>}, in order, with their ids), so that drivers need not read them
   * back in the transaction.
   */
  String WRITTEN_SEGMENTS = "network.written_segments";

  /**
   * One change of one resource ({@code network}, {@code subnet}, {@code port}). {@code current}
   * is the resource as an admin would be shown it after the change (as it was, on delete);
   * {@code original} the same before an update, else null; {@code request} the validated body.
   * Drivers that change the resource after the commit (ML2 binding a port) update {@code current}
   * in place, so that it is what a create answers.
   * {@code state} is what the drivers keep from precommit to postcommit of this change (e.g. the
   * binding of a port being deleted).
   */
  record Change(String resource, Op op, RequestContext context, String id,
      Map<String, Object> original, Map<String, Object> current, Map<String, Object> request,
      Map<String, Object> state) {
    public Change(String resource, Op op, RequestContext context, String id,
        Map<String, Object> original, Map<String, Object> current, Map<String, Object> request) {
      this(resource, op, context, id, original, current, request, new java.util.concurrent.ConcurrentHashMap<>());
    }
  }

  /**
   * The {@code binding:vif_type}s of ports that let their network's
   * {@code provider:segmentation_id} change: ports not bound, and those the drivers say follow it.
   */
  default Set<String> vifTypesAllowingSegmentationIdUpdate() {
    return Set.of("unbound", "binding_failed");
  }

  /** Inside the transaction; a throw rolls it back and is what the client gets. */
  void precommit(Change change, Handle tx);

  /** After the commit; a throw on create makes the caller delete the resource and rethrow. */
  void postcommit(Change change);

  /**
   * Whether {@link Change#current} is wanted for {@code resource}: building it costs a read in the
   * transaction, saved when no driver looks.
   */
  default boolean wants(String resource) {
    return true;
  }

  /** Postcommit of a create; when it fails, {@code undo} deletes the resource and the error is rethrown. */
  default void postcommitCreate(Change change, Runnable undo) {
    postcommitCreateAll(List.of(change), id -> undo.run());
  }

  /** Postcommit of a bulk create: when one fails, every resource of the bulk is deleted (all or nothing). */
  default void postcommitCreateAll(List<Change> changes, Consumer<String> delete) {
    for (Change c : changes) {
      try {
        postcommit(c);
      } catch (RuntimeException e) {
        for (Change created : changes) {
          try {
            delete.accept(created.id());
          } catch (RuntimeException suppressed) {
            e.addSuppressed(suppressed);
          }
        }
        throw e;
      }
    }
  }
}
