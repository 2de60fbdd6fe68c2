package io.neutrino.server.api;

import java.util.List;

/**
 * The tags of a resource (standard-attr-tag: {@code /{collection}/{id}/tags[/{tag}]}). The router
 * checks that the caller may see and change the resource through the collection's handler first;
 * this only stores.
 */
public interface ResourceTags {
  /** Whether this collection carries tags. */
  boolean supports(String collection);

  List<String> list(String collection, String id);

  void replace(String collection, String id, List<String> tags);

  void add(String collection, String id, String tag);

  /** False when the tag was not there. */
  boolean remove(String collection, String id, String tag);

  void clear(String collection, String id);
}
