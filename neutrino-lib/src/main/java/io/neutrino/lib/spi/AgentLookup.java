package io.neutrino.lib.spi;

import java.util.List;
import java.util.Map;

/**
 * The agents the server knows from their {@code report_state} heartbeats, as mechanism drivers and
 * schedulers read them (Neutron's {@code get_agents} filtered by type and host). Obtained with
 * {@code ctx.service(AgentLookup.class)}.
 */
public interface AgentLookup {
  /** Every agent of {@code agentType} (e.g. "Linux bridge agent") on {@code host}, alive or not. */
  List<AgentState> hostAgents(String agentType, String host);

  /** Every agent of {@code agentType}, alive or not, oldest first. */
  List<AgentState> agentsOfType(String agentType);

  /** One agent as last reported; {@code alive} is derived from the heartbeat and agent_down_time. */
  record AgentState(String id, String agentType, String binary, String host, String topic,
      String availabilityZone, boolean adminStateUp, boolean alive,
      Map<String, Object> configurations) {
    public AgentState {
      configurations = Map.copyOf(configurations);
    }
  }
}
