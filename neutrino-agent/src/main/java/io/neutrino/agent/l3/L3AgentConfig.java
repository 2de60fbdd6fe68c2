package io.neutrino.agent.l3;

import java.time.Duration;
import java.util.Objects;

/**
 * The L3 agent's settings, read once from l3_agent.ini / neutron.conf (neutron/conf/agent/l3/
 * config.py, neutron/conf/agent/common.py), names as there. Only {@code agent_mode = legacy} is
 * implemented (no DVR, no HA routers).
 *
 * @param host {@code [DEFAULT] host}
 * @param externalIngressMark {@code [DEFAULT] external_ingress_mark}: marks packets entering from
 *     the gateway so replies to them are not SNATed to the gateway address
 * @param useRandomFully {@code [AGENT] use_random_fully}: SNAT rules get {@code --random-fully}
 * @param resyncInterval how often routers that failed are processed again
 * @param fullSyncInterval {@code [DEFAULT] periodic_interval}-like: how often every router is
 *     compared with the server
 * @param reportInterval {@code [AGENT] report_interval}; zero disables heartbeats
 * @param availabilityZone {@code [AGENT] availability_zone}
 */
public record L3AgentConfig(String host, String externalIngressMark, boolean useRandomFully,
    Duration resyncInterval, Duration fullSyncInterval, Duration reportInterval,
    String availabilityZone) {

  public L3AgentConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(externalIngressMark, "externalIngressMark");
  }

  /** Neutron Zed's defaults for everything but the host. */
  public static L3AgentConfig defaults(String host) {
    return new L3AgentConfig(host, "0x2", true, Duration.ofSeconds(5), Duration.ofSeconds(40),
        Duration.ofSeconds(30), "nova");
  }
}
