package io.neutrino.server.agent.scheduler;

import io.neutrino.server.agent.AgentTables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The agents of one type as the schedulers see them, and the clock they are judged by: alive while
 * the last heartbeat is younger than agent_down_time (as the agents API shows it), dead for
 * rescheduling only after twice that (neutron's agent_dead_limit_seconds), so that one late
 * heartbeat does not move resources around.
 */
final class AgentPool {
  private final Clock clock;
  private final Duration downTime;

  AgentPool(Clock clock, Duration downTime) {
    this.clock = clock;
    this.downTime = downTime;
  }

  Instant now() {
    return clock.instant();
  }

  Duration downTime() {
    return downTime;
  }

  /** Every agent of the type, oldest first (a stable order for equal weights). */
  List<AgentRow> ofType(Handle h, String type) {
    return AgentTables.AGENTS.findWhere(h, "agent_type", type).stream()
        .sorted(Comparator.comparing(r -> (Instant) r.get("created_at")))
        .map(AgentRow::of).toList();
  }

  Optional<AgentRow> find(Handle h, String id) {
    return AgentTables.AGENTS.find(h, id).map(AgentRow::of);
  }

  boolean alive(AgentRow a) {
    return a.heartbeat() != null && Duration.between(a.heartbeat(), now()).compareTo(downTime) < 0;
  }

  /** Heartbeats older than this are from agents the failover checks consider dead. */
  Instant deadCutoff() {
    return now().minus(downTime.multipliedBy(2));
  }

  /**
   * neutron's agent_starting_up: an agent that restarted recently may miss heartbeats while it
   * syncs its networks, so it gets the dead limit plus two seconds per network it serves.
   */
  boolean startingUp(AgentRow a, int networks) {
    return a.startedAt() != null && a.startedAt().plus(downTime.multipliedBy(2))
        .plusSeconds(2L * networks).isAfter(now());
  }
}
