package io.neutrino.server.db;

import io.neutrino.lib.events.Callbacks;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * A dict extender whose every read is stated ({@link Callbacks.PageRead}): a list sends them with
 * its page's other reads, and {@link #extend} (a resource extended alone) runs them one by one.
 * One statement of what the extender reads and shows, for both.
 */
public final class StatedExtender implements Callbacks.DictExtender {
  private final Function<List<Map<String, Object>>, Callbacks.PageRead> pageRead;

  private StatedExtender(Function<List<Map<String, Object>>, Callbacks.PageRead> pageRead) {
    this.pageRead = pageRead;
  }

  /** The extender that reads and shows as {@code pageRead} states for a page of resources. */
  public static Callbacks.DictExtender of(Function<List<Map<String, Object>>, Callbacks.PageRead> pageRead) {
    return new StatedExtender(pageRead);
  }

  /**
   * The same, stating also its read of one resource shown by id (see
   * {@link Callbacks.DictExtender#sideRead}).
   */
  public static Callbacks.DictExtender stating(Function<List<Map<String, Object>>, Callbacks.PageRead> pageRead,
      Function<String, Callbacks.SideRead<?>> oneRead) {
    return Callbacks.DictExtender.stating(new StatedExtender(pageRead), oneRead);
  }

  @Override
  public void extend(List<Map<String, Object>> resources, Object transaction) {
    if (resources.isEmpty()) {
      return;
    }
    run((Handle) transaction, pageRead.apply(resources));
  }

  @Override
  public Callbacks.PageRead pageRead(List<Map<String, Object>> resources) {
    return pageRead.apply(resources);
  }

  /** Runs a page read's reads one by one on {@code h}, then applies it. */
  public static void run(Handle h, Callbacks.PageRead read) {
    read.apply(Database.oneByOne(h, read.reads()), h);
  }
}
