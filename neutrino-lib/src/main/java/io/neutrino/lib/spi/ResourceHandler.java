package io.neutrino.lib.spi;

import io.neutrino.lib.context.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a plugin does for one collection: Neutron's {@code create_<member>}, {@code get_<member>},
 * {@code get_<collection>}, {@code update_<member>}, {@code delete_<member>}. Resources cross this
 * boundary as API dicts (attribute name to JSON-ready value) already validated and converted
 * against the schema; a plugin never sees HTTP.
 */
public interface ResourceHandler {

  Map<String, Object> create(RequestContext ctx, Map<String, Object> resource);

  /**
   * All or nothing. The default creates one by one and deletes what it created when one fails,
   * as Neutron's emulated bulk does; plugins with a database override it with one transaction.
   */
  default List<Map<String, Object>> createBulk(
      RequestContext ctx, List<Map<String, Object>> resources) {
    List<Map<String, Object>> done = new ArrayList<>();
    try {
      for (Map<String, Object> r : resources) {
        done.add(create(ctx, r));
      }
      return done;
    } catch (RuntimeException e) {
      for (Map<String, Object> created : done) {
        try {
          delete(ctx, (String) created.get("id"));
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /** The resource, or a NotFound fault. */
  Map<String, Object> get(RequestContext ctx, String id);

  /**
   * {@code GET} of one resource with the {@code fields=} the caller asked for, as Neutron passes
   * them to {@code get_<member>}: a few plugins act on them (auto-allocated-topology's dry-run).
   * The API layer narrows the result to the fields itself (unless {@link #appliesFieldsItself}),
   * so the default ignores them.
   */
  default Map<String, Object> get(RequestContext ctx, String id, java.util.Set<String> fields) {
    return get(ctx, id);
  }

  /**
   * True when {@link #get(RequestContext, String, java.util.Set)} has already applied {@code
   * fields=}: the API layer then shows its answer without narrowing it to the fields again (only
   * to the visible attributes the caller may read). Neutron leaves {@code fields} to its plugins;
   * where a plugin answers a field that is not an attribute (auto-allocated-topology's {@code
   * fields=dry-run} gives {@code {"id": "dry-run=pass", "tenant_id": …}}), narrowing would empty it.
   */
  default boolean appliesFieldsItself() {
    return false;
  }

  /** Filtered, sorted, paged; the plugin applies {@code limit} after filters. */
  List<Map<String, Object>> list(RequestContext ctx, ListQuery query);

  /**
   * {@link #list} handed over in consecutive pieces as the plugin reads them, so that a long list
   * (every port of a cloud) never has to be held whole: the API layer writes each piece out as
   * JSON before the next one is read. Same items in the same order as {@link #list}. The default
   * hands over the whole list as one piece.
   */
  default void list(RequestContext ctx, ListQuery query, Consumer<List<Map<String, Object>>> pieces) {
    pieces.accept(list(ctx, query));
  }

  Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes);

  void delete(RequestContext ctx, String id);

  /**
   * What the API layer checks on a resource as it is before changing it (that the caller may
   * see it, policy, {@code If-Match}): throws a NeutronException to refuse the change.
   */
  @FunctionalInterface
  interface Precheck {
    void check(Map<String, Object> current);
  }

  /**
   * {@link #update} once {@code precheck} has passed on the resource as {@link #get} shows it.
   * The default shows it first; a handler may instead run the check inside its transaction, on
   * the resource as it reads it there (locked), and save that read. A refusal changes nothing.
   */
  default Map<String, Object> checkedUpdate(RequestContext ctx, String id, Map<String, Object> changes,
      Precheck precheck) {
    precheck.check(get(ctx, id));
    return update(ctx, id, changes);
  }

  /** {@link #delete} once {@code precheck} has passed, as for {@link #checkedUpdate}. */
  default void checkedDelete(RequestContext ctx, String id, Precheck precheck) {
    precheck.check(get(ctx, id));
    delete(ctx, id);
  }

  /**
   * True for a handler that checks policy itself, as Neutron controllers outside the generic
   * policy hook do (quotas): the API layer then applies no get/update/delete/action rule to it.
   */
  default boolean authorizesItself() {
    return false;
  }

  /** A member action such as {@code add_router_interface}; the body is passed as parsed. */
  default Map<String, Object> action(
      RequestContext ctx, String id, String action, Map<String, Object> body) {
    throw new UnsupportedOperationException(action);
  }
}
