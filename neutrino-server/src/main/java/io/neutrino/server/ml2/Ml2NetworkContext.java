package io.neutrino.server.ml2;

import io.neutrino.lib.spi.ml2.NetworkContext;
import io.neutrino.lib.spi.ml2.NetworkSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A network handed to mechanism drivers: its own segments, and apart from them the dynamic ones
 * ports are bound to (found by id for the binding levels, never offered as network segments).
 */
record Ml2NetworkContext(Map<String, Object> current, Map<String, Object> original,
    List<NetworkSegment> networkSegments, List<NetworkSegment> dynamicSegments) implements NetworkContext {
  Ml2NetworkContext {
    networkSegments = List.copyOf(networkSegments);
    dynamicSegments = List.copyOf(dynamicSegments);
  }

  Ml2NetworkContext(Map<String, Object> current, Map<String, Object> original, List<NetworkSegment> networkSegments) {
    this(current, original, networkSegments, List.of());
  }

  /** The same network with {@code more} dynamic segments (allocated while binding). */
  Ml2NetworkContext withDynamic(List<NetworkSegment> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<NetworkSegment> all = new ArrayList<>(dynamicSegments);
    more.stream().filter(s -> segment(s.id()) == null).forEach(all::add);
    return new Ml2NetworkContext(current, original, networkSegments, all);
  }

  NetworkSegment segment(String id) {
    for (List<NetworkSegment> list : List.of(networkSegments, dynamicSegments)) {
      for (NetworkSegment s : list) {
        if (s.id().equals(id)) {
          return s;
        }
      }
    }
    return null;
  }
}
