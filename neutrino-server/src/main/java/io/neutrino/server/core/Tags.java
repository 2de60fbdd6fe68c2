package io.neutrino.server.core;

import io.neutrino.lib.events.Callbacks;
import io.neutrino.server.db.Batches;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.StatedExtender;
import io.neutrino.server.db.Where;
import io.neutrino.server.db.WriteBehind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * Tags of any resource (standard-attr-tag), keyed by resource id, and the four tag filters:
 * {@code tags} (all of), {@code tags-any}, {@code not-tags} (not all of), {@code not-tags-any}.
 */
public final class Tags {
  public static final Set<String> FILTERS = Set.of("tags", "tags-any", "not-tags", "not-tags-any");

  /** Adds the tag filters present in {@code filters} as SQL on {@code table}.id. */
  public void filter(Where w, String table, Map<String, List<Object>> filters) {
    String id = table + ".id";
    List<Object> all = filters.get("tags");
    if (all != null && !all.isEmpty()) {
      w.add("(SELECT COUNT(DISTINCT tag) FROM tags WHERE tags.resource_id = " + id + " AND tag IN ("
          + Batches.marks(all.size()) + ")) = " + all.size(), all);
    }
    List<Object> any = filters.get("tags-any");
    if (any != null && !any.isEmpty()) {
      w.add(id + " IN (SELECT resource_id FROM tags WHERE tag IN (" + Batches.marks(any.size()) + "))", any);
    }
    List<Object> notAll = filters.get("not-tags");
    if (notAll != null && !notAll.isEmpty()) {
      w.add("(SELECT COUNT(DISTINCT tag) FROM tags WHERE tags.resource_id = " + id + " AND tag IN ("
          + Batches.marks(notAll.size()) + ")) < " + notAll.size(), notAll);
    }
    List<Object> notAny = filters.get("not-tags-any");
    if (notAny != null && !notAny.isEmpty()) {
      w.add(id + " NOT IN (SELECT resource_id FROM tags WHERE tag IN (" + Batches.marks(notAny.size()) + "))", notAny);
    }
  }

  /** Tags of the given rows, in one query per chunk; tags come back sorted. */
  public Map<Object, List<String>> load(Handle h, List<Map<String, Object>> rows) {
    Map<Object, List<String>> out = new LinkedHashMap<>();
    StatedExtender.run(h, pageRead(rows, out::putAll));
    return out;
  }

  /** {@link #load} stated, for a list to send with its page's other reads: {@code show} gets the tags. */
  public Callbacks.PageRead pageRead(List<Map<String, Object>> rows, Consumer<Map<Object, List<String>>> show) {
    return Batches.statedAcrossTables("SELECT resource_id, tag FROM tags WHERE", List.of(), "resource_id", Resources.ids(rows),
            "resource_id, tag", rs -> Map.entry(rs.getString(1), rs.getString(2)), Map.Entry::getKey)
        .grouped(Map.Entry::getValue, show);
  }

  private static final String OF_ONE = "SELECT tag FROM tags WHERE resource_id = ? ORDER BY tag";

  /**
   * The tags of one resource shown by id, as a read to send with its others
   * ({@code Database.selectTogether}); the caller places the rows, as it places its row's.
   */
  public Callbacks.SideRead<String> read(String id) {
    return Callbacks.SideRead.placedByCaller(OF_ONE, List.of(id), rs -> rs.getString(1));
  }

  public List<String> of(Handle h, String id) {
    return h.createQuery(OF_ONE).bind(0, id)
        .mapTo(String.class).list();
  }

  public void replace(Handle h, String id, List<String> tags) {
    deleteAll(h, id);
    for (String t : new java.util.LinkedHashSet<>(tags)) {
      h.execute("INSERT INTO tags (resource_id, tag) VALUES (?, ?)", id, t);
    }
  }

  public void add(Handle h, String id, String tag) {
    int n = h.createQuery("SELECT COUNT(*) FROM tags WHERE resource_id = ? AND tag = ?")
        .bind(0, id).bind(1, tag).mapTo(Integer.class).one();
    if (n == 0) {
      h.execute("INSERT INTO tags (resource_id, tag) VALUES (?, ?)", id, tag);
    }
  }

  public boolean remove(Handle h, String id, String tag) {
    return h.execute("DELETE FROM tags WHERE resource_id = ? AND tag = ?", id, tag) > 0;
  }

  /** Drops a deleted resource's tags; sent with the deleting transaction's next statement or commit. */
  public void deleteAll(Handle h, String id) {
    WriteBehind.write(h, WriteBehind.OnFailure.NONE, "DELETE FROM tags WHERE resource_id = ?", id);
  }
}
