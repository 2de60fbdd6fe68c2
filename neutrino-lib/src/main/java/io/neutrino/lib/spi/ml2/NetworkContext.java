package io.neutrino.lib.spi.ml2;

import java.util.List;
import java.util.Map;

/** A network as mechanism drivers see it during a change (Neutron's NetworkContext). */
public interface NetworkContext {
  /** The network as the API shows it (to an admin), after the change. */
  Map<String, Object> current();

  /** The network before an update; null on create and delete. */
  Map<String, Object> original();

  /** The network's segments in order. */
  List<NetworkSegment> networkSegments();
}
