package io.neutrino.server.core;

import io.neutrino.server.api.ResourceTags;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.Table;
import java.util.List;
import java.util.Map;

/**
 * Tags of every resource whose plugin registered its table here; every change bumps the
 * resource's revision, as Neutron does. A server service: plugins register at creation.
 */
public final class TagService implements ResourceTags {
  private final Map<String, Table> TABLES = new java.util.concurrent.ConcurrentHashMap<>();

  private final Database db;
  private final Tags tags = new Tags();

  public TagService(Database db) {
    this.db = db;
  }

  /** Makes {@code /{collection}/{id}/tags} available for the resources stored in {@code table}. */
  public void register(String collection, Table table) {
    TABLES.put(collection, table);
  }

  @Override
  public boolean supports(String collection) {
    return TABLES.containsKey(collection);
  }

  @Override
  public List<String> list(String collection, String id) {
    return db.read(h -> tags.of(h, id));
  }

  @Override
  public void replace(String collection, String id, List<String> values) {
    db.txVoid(h -> {
      tags.replace(h, id, values);
      TABLES.get(collection).bumpRevision(h, id, Resources.now());
    });
  }

  @Override
  public void add(String collection, String id, String tag) {
    db.txVoid(h -> {
      tags.add(h, id, tag);
      TABLES.get(collection).bumpRevision(h, id, Resources.now());
    });
  }

  @Override
  public boolean remove(String collection, String id, String tag) {
    return db.tx(h -> {
      boolean removed = tags.remove(h, id, tag);
      if (removed) {
        TABLES.get(collection).bumpRevision(h, id, Resources.now());
      }
      return removed;
    });
  }

  @Override
  public void clear(String collection, String id) {
    db.txVoid(h -> {
      tags.deleteAll(h, id);
      TABLES.get(collection).bumpRevision(h, id, Resources.now());
    });
  }
}
