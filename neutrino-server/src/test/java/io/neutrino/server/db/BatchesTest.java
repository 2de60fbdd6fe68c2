package io.neutrino.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchesTest {
  @Test
  void longListsOfServerGeneratedIdsAreWrittenInline() {
    List<Object> ids = new ArrayList<>();
    ids.add("ABCDEF-12");
    for (int i = 0; i < 20; i++) {
      ids.add("6f1c0d3e-0000-4000-8000-0000000000" + (10 + i));
    }
    var in = Batches.in(ids);
    assertThat(in.sql()).startsWith("('ABCDEF-12', '6f1c0d3e-0000-4000-8000-000000000010', ")
        .endsWith("'6f1c0d3e-0000-4000-8000-000000000029')");
    assertThat(in.bound()).isEmpty();
  }

  @Test
  void shortListsAreBoundSoTheirStatementIsCached() {
    var in = Batches.in(List.of("6f1c0d3e-0000-4000-8000-00000000000a", "ABCDEF-12"));
    assertThat(in.sql()).isEqualTo("(?, ?)");
    assertThat(in.bound()).hasSize(2);
  }

  @Test
  void anythingElseIsBound() {
    List<Object> ids = List.of("abc", "x'); DROP TABLE ports; --");
    var in = Batches.in(ids);
    assertThat(in.sql()).isEqualTo("(?, ?)");
    assertThat(in.bound()).isEqualTo(ids);
    assertThat(Batches.in(List.of(42)).sql()).isEqualTo("(?)");
  }

  @Test
  void chunksStayUnderTheStatementLimit() {
    List<Object> ids = new ArrayList<>();
    for (int i = 0; i < 1201; i++) {
      ids.add("id" + i);
    }
    assertThat(Batches.chunks(ids)).extracting(List::size).containsExactly(500, 500, 201);
  }
}
