package io.neutrino.lib.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbacksTest {

  /** A reader that records what it was asked for and marks each resource "read". */
  private static class Reader implements Callbacks.DictExtender {
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

  /** An extender that states its read for one resource: its rows go to "host". */
  private static final class Stating extends Reader {
    @Override
    public Callbacks.SideRead<?> sideRead(String id) {
      return new Callbacks.SideRead<String>("SELECT host FROM b WHERE port_id = ?", List.of(id),
          rs -> rs.getString(1), (r, rows) -> r.put("host", rows.isEmpty() ? "" : rows.get(0)));
    }
  }

  @Test
  void oneResourceTakesTheStatedReadsRowsAndAsksTheOthers() {
    Reader plain = new Reader();
    Stating stating = new Stating();
    Callbacks callbacks = new Callbacks();
    callbacks.extendDicts("port", stating);
    callbacks.extendDicts("port", Callbacks.DictExtender.copyingWritten(List.of("groups"), plain));
    List<Callbacks.SideRead<?>> reads = callbacks.sideReads("port", "a");
    assertThat(reads).hasSize(2);
    assertThat(reads.get(0).sql()).isEqualTo("SELECT host FROM b WHERE port_id = ?");
    assertThat(reads.get(0).params()).containsExactly("a");
    assertThat(reads.get(1)).as("an extender that states no read").isNull();
    Map<String, Object> item = resource("a");
    callbacks.extendOne("port", item, reads, List.of(List.of("h1"), List.of()), null);
    assertThat(item).containsEntry("host", "h1").containsEntry("groups", List.of("read"));
    assertThat(stating.asked).as("the stating extender is not asked to read").isEmpty();
    assertThat(plain.asked).containsExactly("a");
  }

  @Test
  void statingPairsAReaderWithItsOneResourceRead() {
    Reader reader = new Reader();
    Callbacks.DictExtender x = Callbacks.DictExtender.stating(reader,
        id -> new Callbacks.SideRead<String>("SELECT 1", List.of(id), rs -> "r", (r, rows) -> { }));
    assertThat(x.sideRead("p").params()).containsExactly("p");
    x.extend(List.of(resource("a")), null);
    assertThat(reader.asked).containsExactly("a");
  }

  @Test
  void copyingWrittenPassesTheReadersStatedReadOn() {
    Callbacks.DictExtender wrapped = Callbacks.DictExtender.copyingWritten(List.of("host"), new Stating());
    assertThat(wrapped.sideRead("x")).isNotNull();
    assertThat(Callbacks.DictExtender.copyingWritten(List.of("groups"), new Reader()).sideRead("x")).isNull();
  }
}
