package io.neutrino.server.ml2;

import io.neutrino.lib.spi.ml2.NetworkContext;
import io.neutrino.lib.spi.ml2.NetworkSegment;
import java.util.List;
import java.util.Map;

/** A network handed to mechanism drivers. */
record Ml2NetworkContext(Map<String, Object> current, Map<String, Object> original,
    List<NetworkSegment> networkSegments) implements NetworkContext {
  Ml2NetworkContext {
    networkSegments = List.copyOf(networkSegments);
  }

  NetworkSegment segment(String id) {
    for (NetworkSegment s : networkSegments) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    return null;
  }
}
