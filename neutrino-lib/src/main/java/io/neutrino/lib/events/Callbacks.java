package io.neutrino.lib.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The callbacks registry (neutron_lib/callbacks/registry.py) and the resource-extend registry
 * (neutron_lib/db/resource_extend.py) in one object, handed to plugins through their context —
 * never a global. Subscribers run in subscription order.
 */
public final class Callbacks {
  private static final Logger LOG = LoggerFactory.getLogger(Callbacks.class);

  /** Receives one event. */
  @FunctionalInterface
  public interface Callback {
    void handle(ResourceEvent event);
  }

  /** Reads one row of a query's result (positions as in the query's select list). */
  @FunctionalInterface
  public interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  /**
   * A query stated rather than run, with what to do with its rows: the read an extender makes for
   * one resource shown by id. The server sends such reads together with the resource's own read,
   * in one round trip to a database server, instead of one round trip each. {@code sql} uses
   * positional {@code ?} parameters only.
   */
  public record SideRead<T>(String sql, List<Object> params, RowReader<T> reader,
      BiConsumer<Map<String, Object>, List<T>> apply) {
    public SideRead {
      params = List.copyOf(params);
    }

    /**
     * A read whose rows its caller places itself (a resource's own row, its tags, rows a plugin
     * reads for its own use): nothing to apply.
     */
    public static <T> SideRead<T> placedByCaller(String sql, List<Object> params, RowReader<T> reader) {
      return new SideRead<>(sql, params, reader, (resource, rows) -> { });
    }

    /** Runs {@code apply} with rows this read returned. */
    @SuppressWarnings("unchecked")
    public void applyTo(Map<String, Object> resource, List<?> rows) {
      apply.accept(resource, (List<T>) rows);
    }
  }

  /**
   * What a list reads for a page of resources, stated rather than run, and what to do with the
   * rows: the server sends the reads of all of a page's PageReads together, in one round trip to a
   * database server, then applies each in order ({@code rows.get(i)} are the rows of
   * {@code reads().get(i)}; {@code transaction} is the open handle, for what must still be read
   * then). One without reads is a step run in its turn.
   */
  public interface PageRead {
    List<SideRead<?>> reads();

    void apply(List<List<?>> rows, Object transaction);

    static PageRead of(List<SideRead<?>> reads, BiConsumer<List<List<?>>, Object> apply) {
      List<SideRead<?>> stated = List.copyOf(reads);
      return new PageRead() {
        @Override
        public List<SideRead<?>> reads() {
          return stated;
        }

        @Override
        public void apply(List<List<?>> rows, Object transaction) {
          apply.accept(rows, transaction);
        }
      };
    }

    /** A step without reads of its own: {@code work} runs in its turn, with the transaction. */
    static PageRead step(Consumer<Object> work) {
      return of(List.of(), (rows, transaction) -> work.accept(transaction));
    }
  }

  /**
   * Adds attributes to resource dicts before they are shown (Neutron's dict extend functions),
   * in batches so lists stay one query per extender. {@code transaction} is the open handle.
   */
  @FunctionalInterface
  public interface DictExtender {
    void extend(List<Map<String, Object>> resources, Object transaction);

    /**
     * What {@link #extend} reads for the one resource {@code id}, as a {@link SideRead} whose
     * {@code apply} does what extend does with the rows; null (the default) when the extender
     * reads otherwise, and is then asked through extend.
     */
    default SideRead<?> sideRead(String id) {
      return null;
    }

    /**
     * What {@link #extend} does for {@code resources}, as a {@link PageRead} whose reads a list
     * sends with the page's others. The default states no read: extend runs in its turn.
     */
    default PageRead pageRead(List<Map<String, Object>> resources) {
      return PageRead.step(transaction -> extend(resources, transaction));
    }

    /**
     * The same for resources this transaction has just created: {@code written.get(i)} is the
     * map the PRECOMMIT_CREATE subscribers of {@code resources.get(i)} ran on, so an extender
     * whose subscriber always puts its attributes there may copy them instead of reading back
     * what it wrote (a round trip per create on a database server).
     */
    default void extendWritten(List<Map<String, Object>> resources, List<Map<String, Object>> written,
        Object transaction) {
      extend(resources, transaction);
    }

    /**
     * An extender that reads as {@code reader} does and states its one-resource read with
     * {@code oneRead} (see {@link #sideRead}).
     */
    static DictExtender stating(DictExtender reader, Function<String, SideRead<?>> oneRead) {
      return new Delegating(reader, oneRead, reader::pageRead);
    }

    /** The same, stating also its reads of a page with {@code pageRead} (see {@link #pageRead}). */
    static DictExtender stating(DictExtender reader, Function<String, SideRead<?>> oneRead,
        Function<List<Map<String, Object>>, PageRead> pageRead) {
      return new Delegating(reader, oneRead, pageRead);
    }

    /**
     * The extender of a plugin whose PRECOMMIT_CREATE subscriber always puts {@code keys} on the
     * resource it sees created: for a resource just created they are copied from what was
     * written; {@code reader} reads them for every other resource (and for a created one that
     * does not carry them).
     */
    static DictExtender copyingWritten(List<String> keys, DictExtender reader) {
      return new Delegating(reader, reader::sideRead, reader::pageRead) {
        @Override
        public void extendWritten(List<Map<String, Object>> resources, List<Map<String, Object>> written,
            Object transaction) {
          List<Map<String, Object>> unknown = new ArrayList<>();
          for (int i = 0; i < resources.size(); i++) {
            Map<String, Object> w = written.get(i);
            if (w.keySet().containsAll(keys)) {
              for (String k : keys) {
                resources.get(i).put(k, w.get(k));
              }
            } else {
              unknown.add(resources.get(i));
            }
          }
          if (!unknown.isEmpty()) {
            reader.extend(unknown, transaction);
          }
        }
      };
    }

    /**
     * The extender of attributes that a resource shows with known values while the transaction
     * creating it is open, because what {@code reader} reads about it is written only later (a
     * network's subnets, its DHCP agents): {@code whenCreated} puts them on a resource just
     * created, without a read; {@code reader} reads them for every other resource.
     */
    static DictExtender knownWhenCreated(DictExtender reader, Consumer<Map<String, Object>> whenCreated) {
      return new Delegating(reader, reader::sideRead, reader::pageRead) {
        @Override
        public void extendWritten(List<Map<String, Object>> resources, List<Map<String, Object>> written,
            Object transaction) {
          resources.forEach(whenCreated);
        }
      };
    }
  }

  /**
   * Extends as {@code reader} does and states one-resource reads with {@code oneRead}, a page's
   * with {@code pageRead}.
   */
  private static class Delegating implements DictExtender {
    private final DictExtender reader;
    private final Function<String, SideRead<?>> oneRead;
    private final Function<List<Map<String, Object>>, PageRead> pageRead;

    Delegating(DictExtender reader, Function<String, SideRead<?>> oneRead,
        Function<List<Map<String, Object>>, PageRead> pageRead) {
      this.reader = reader;
      this.oneRead = oneRead;
      this.pageRead = pageRead;
    }

    @Override
    public PageRead pageRead(List<Map<String, Object>> resources) {
      return pageRead.apply(resources);
    }

    @Override
    public void extend(List<Map<String, Object>> resources, Object transaction) {
      reader.extend(resources, transaction);
    }

    @Override
    public SideRead<?> sideRead(String id) {
      return oneRead.apply(id);
    }
  }

  private final Map<String, List<Callback>> subscribers = new ConcurrentHashMap<>();
  private final Map<String, List<DictExtender>> extenders = new ConcurrentHashMap<>();

  public void subscribe(String resource, Event event, Callback callback) {
    subscribers.computeIfAbsent(resource + "/" + event, k -> new CopyOnWriteArrayList<>()).add(callback);
  }

  public void extendDicts(String resource, DictExtender extender) {
    extenders.computeIfAbsent(resource, k -> new CopyOnWriteArrayList<>()).add(extender);
  }

  /** Runs the subscribers; before/precommit failures propagate, after-event ones are logged. */
  public void publish(ResourceEvent e) {
    List<Callback> list = subscribers.get(e.resource() + "/" + e.event());
    if (list == null) {
      return;
    }
    for (Callback c : list) {
      if (e.event().isAfter()) {
        try {
          c.handle(e);
        } catch (RuntimeException ex) {
          LOG.error("callback for {} {} of {} failed", e.event(), e.resource(), e.resourceId(), ex);
        }
      } else {
        c.handle(e);
      }
    }
  }

  public boolean hasSubscribers(String resource, Event event) {
    List<Callback> list = subscribers.get(resource + "/" + event);
    return list != null && !list.isEmpty();
  }

  public void extend(String resource, List<Map<String, Object>> rows, Object transaction) {
    List<DictExtender> list = extenders.get(resource);
    if (list == null || rows.isEmpty()) {
      return;
    }
    for (DictExtender x : list) {
      x.extend(rows, transaction);
    }
  }

  /**
   * {@link #extend} stated as each extender's {@link DictExtender#pageRead} of {@code rows}, in
   * the order extend runs them: the caller sends their reads together and applies them in order.
   */
  public List<PageRead> pageReads(String resource, List<Map<String, Object>> rows) {
    List<DictExtender> list = extenders.getOrDefault(resource, List.of());
    List<PageRead> out = new ArrayList<>(list.size());
    if (!rows.isEmpty()) {
      for (DictExtender x : list) {
        out.add(x.pageRead(rows));
      }
    }
    return out;
  }

  /**
   * For one resource shown by id: each extender's {@link DictExtender#sideRead}, in the order
   * {@link #extend} runs them (null for those without one). The caller runs the non-null ones, then
   * hands their rows to {@link #extendOne}.
   */
  public List<SideRead<?>> sideReads(String resource, String id) {
    List<DictExtender> list = extenders.getOrDefault(resource, List.of());
    List<SideRead<?>> out = new ArrayList<>(list.size());
    for (DictExtender x : list) {
      out.add(x.sideRead(id));
    }
    return out;
  }

  /**
   * {@link #extend} for the one resource whose {@link #sideReads} were run: {@code rows.get(i)}
   * are the rows of {@code reads.get(i)} (ignored where that is null). Extenders with a side read
   * apply its rows; the others read as extend does, in the same order.
   */
  public void extendOne(String resource, Map<String, Object> item, List<SideRead<?>> reads,
      List<List<?>> rows, Object transaction) {
    List<DictExtender> list = extenders.getOrDefault(resource, List.of());
    if (list.size() != reads.size()) {
      throw new IllegalStateException("extenders of " + resource + " changed between sideReads and extendOne");
    }
    for (int i = 0; i < list.size(); i++) {
      SideRead<?> read = reads.get(i);
      if (read != null) {
        read.applyTo(item, rows.get(i));
      } else {
        list.get(i).extend(List.of(item), transaction);
      }
    }
  }

  /** {@link #extend} for resources just created in {@code transaction} (see DictExtender). */
  public void extendWritten(String resource, List<Map<String, Object>> rows,
      List<Map<String, Object>> written, Object transaction) {
    List<DictExtender> list = extenders.get(resource);
    if (list == null || rows.isEmpty()) {
      return;
    }
    for (DictExtender x : list) {
      x.extendWritten(rows, written, transaction);
    }
  }
}
