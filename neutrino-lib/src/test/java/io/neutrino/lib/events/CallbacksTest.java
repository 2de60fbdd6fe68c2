package io.neutrino.lib.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbacksTest {

  /** A reader that records what it was asked for and marks each resource "read". */
  private static final class Reader implements Callbacks.DictExtender {
    final List<Object> asked = new ArrayList<>();

    @Override
    public void extend(List<Map<String, Object>> resources, Object transaction) {
      resources.forEach(r -> {
        asked.add(r.get("id"));
        r.put("groups", List.of("read"));
      });
    }
  }

  private static Map<String, Object> resource(String id) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", id);
    return r;
  }

  @Test
  void writtenResourcesCarryingTheKeysAreNotReadBack() {
    Reader reader = new Reader();
    Callbacks callbacks = new Callbacks();
    callbacks.extendDicts("port", Callbacks.DictExtender.copyingWritten(List.of("groups"), reader));
    List<Map<String, Object>> views = List.of(resource("a"), resource("b"));
    Map<String, Object> writtenA = resource("a");
    writtenA.put("groups", List.of("g1"));
    Map<String, Object> writtenB = resource("b"); // its subscriber did not run: read it
    callbacks.extendWritten("port", views, List.of(writtenA, writtenB), null);
    assertThat(views.get(0)).containsEntry("groups", List.of("g1"));
    assertThat(views.get(1)).containsEntry("groups", List.of("read"));
    assertThat(reader.asked).containsExactly("b");
  }

  @Test
  void otherResourcesAreAlwaysRead() {
    Reader reader = new Reader();
    Callbacks callbacks = new Callbacks();
    callbacks.extendDicts("port", Callbacks.DictExtender.copyingWritten(List.of("groups"), reader));
    List<Map<String, Object>> views = List.of(resource("a"));
    callbacks.extend("port", views, null);
    assertThat(views.get(0)).containsEntry("groups", List.of("read"));
    assertThat(reader.asked).containsExactly("a");
  }

  @Test
  void anExtenderWithoutAWrittenPathReadsCreatedResourcesToo() {
    Reader reader = new Reader();
    Callbacks callbacks = new Callbacks();
    callbacks.extendDicts("port", reader);
    Map<String, Object> written = resource("a");
    written.put("groups", List.of("g1"));
    List<Map<String, Object>> views = List.of(resource("a"));
    callbacks.extendWritten("port", views, List.of(written), null);
    assertThat(views.get(0)).containsEntry("groups", List.of("read"));
  }
}
