package io.neutrino.server.agent.scheduler;

import java.time.Instant;
import java.util.Map;

/** One agent as the schedulers weigh it: the agents table row they need. */
record AgentRow(String id, String type, String host, String topic, String availabilityZone,
    boolean adminStateUp, Instant heartbeat, Instant startedAt, int load,
    Map<String, Object> configurations) {

  @SuppressWarnings("unchecked")
  static AgentRow of(Map<String, Object> r) {
    return new AgentRow((String) r.get("id"), (String) r.get("agent_type"), (String) r.get("host"),
        (String) r.get("topic"), (String) r.get("availability_zone"),
        Boolean.TRUE.equals(r.get("admin_state_up")), (Instant) r.get("heartbeat_timestamp"),
        (Instant) r.get("started_at"), r.get("load") instanceof Number n ? n.intValue() : 0,
        r.get("configurations") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
  }
}
