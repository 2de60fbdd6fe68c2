package io.neutrino.server.ml2;

import io.neutrino.lib.spi.ml2.NetworkContext;
import io.neutrino.lib.spi.ml2.SubnetContext;
import java.util.Map;

/** A subnet handed to mechanism drivers. */
record Ml2SubnetContext(Map<String, Object> current, Map<String, Object> original, NetworkContext network)
    implements SubnetContext {}
