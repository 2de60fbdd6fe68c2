package io.neutrino.agent.l2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scan_devices diff of the agent loop. */
class L2AgentDiffTest {
  static final L2Agent.Scan BEFORE =
      new L2Agent.Scan(Map.of("tapa", 10, "tapb", 11, "tapc", 12), Set.of(), Set.of());

  @Test
  void addedRemovedAndUpdatedFromNamesIndexesAndCasts() {
    var changes = L2Agent.diff(BEFORE, Map.of("tapa", 10, "tapb", 21, "tapd", 13),
        Set.of("tapa", "tapgone"), false);
    assertThat(changes.added()).containsExactly("tapd");
    assertThat(changes.removed()).containsExactly("tapc");
    // tapb was re-created (new index); tapa was named by a port_update cast
    assertThat(changes.updated()).containsExactly("tapa", "tapb");
  }

  @Test
  void nothingChangedIsNoChange() {
    assertThat(L2Agent.diff(BEFORE, BEFORE.current(), Set.of(), false).any()).isFalse();
  }

  @Test
  void aResyncTreatsEveryDeviceAsNewAndRetriesWhatFailed() {
    var failed = new L2Agent.Scan(Map.of("tapa", 10, "tapb", 11), Set.of("tapb"),
        Set.of("tapx"));
    var changes = L2Agent.diff(failed, Map.of("tapa", 10, "tapc", 12), Set.of("tapc"), true);
    assertThat(changes.added()).containsExactly("tapa", "tapc");
    assertThat(changes.removed()).containsExactly("tapb", "tapx");
    assertThat(changes.updated()).containsExactly("tapb", "tapc");
  }
}
