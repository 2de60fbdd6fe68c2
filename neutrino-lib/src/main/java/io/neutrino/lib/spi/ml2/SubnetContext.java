package io.neutrino.lib.spi.ml2;

import java.util.Map;

/** A subnet as mechanism drivers see it during a change (Neutron's SubnetContext). */
public interface SubnetContext {
  Map<String, Object> current();

  /** The subnet before an update; null on create and delete. */
  Map<String, Object> original();

  NetworkContext network();
}
