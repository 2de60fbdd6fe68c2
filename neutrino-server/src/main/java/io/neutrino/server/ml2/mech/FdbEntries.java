package io.neutrino.server.ml2.mech;

import io.neutrino.lib.spi.ml2.NetworkSegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The forwarding entries l2population computes (mech_driver.py), as pure functions of what is
 * wired where: no database, no RPC, so the payloads are tested as values.
 */
final class FdbEntries {
  /** The entry that makes an agent flood broadcast and unknown traffic to a tunnel endpoint. */
  static final List<String> FLOODING_ENTRY = List.of("00:00:00:00:00:00", "0.0.0.0");

  private FdbEntries() {}

  /** An ACTIVE port of the network and the tunnel IP of the agent on its host. */
  record WiredPort(String portId, String host, String agentIp, String mac, List<String> ips) {}

  /** [mac, ip] for every fixed IP of a port (_get_port_fdb_entries). */
  static List<List<String>> portEntries(String mac, List<String> ips) {
    List<List<String>> out = new ArrayList<>();
    for (String ip : ips) {
      out.add(List.of(mac, ip));
    }
    return out;
  }

  /** {network_id: {segment_id, network_type, ports: {agentIp: []}}} (_get_fdb_entries_template). */
  static Map<String, Object> template(NetworkSegment segment, String agentIp, String networkId) {
    Map<String, Object> ports = new LinkedHashMap<>();
    ports.put(agentIp, new ArrayList<List<String>>());
    return network(segment, networkId, ports);
  }

  private static Map<String, Object> network(NetworkSegment segment, String networkId, Map<String, Object> ports) {
    Map<String, Object> net = new LinkedHashMap<>();
    net.put("segment_id", segment.segmentationId());
    net.put("network_type", segment.networkType());
    net.put("ports", ports);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(networkId, net);
    return out;
  }

  @SuppressWarnings("unchecked")
  static List<List<String>> entriesOf(Map<String, Object> fdb, String networkId, String agentIp) {
    Map<String, Object> ports = (Map<String, Object>) ((Map<String, Object>) fdb.get(networkId)).get("ports");
    return (List<List<String>>) ports.get(agentIp);
  }

  /**
   * What the other agents need when a port comes up on the agent at {@code agentIp}: the port's
   * entries, preceded by the flooding entry when it is the first port of the network there.
   */
  static Map<String, Object> forOthers(NetworkSegment segment, String networkId, String agentIp,
      boolean firstOnAgent, String mac, List<String> ips) {
    Map<String, Object> fdb = template(segment, agentIp, networkId);
    List<List<String>> entries = entriesOf(fdb, networkId, agentIp);
    if (firstOnAgent) {
      entries.add(FLOODING_ENTRY);
    }
    entries.addAll(portEntries(mac, ips));
    return fdb;
  }

  /**
   * What the agent of {@code host} needs when its first port of the network comes up: every other
   * agent with ACTIVE ports there (flooding entry first, then their ports) (_create_agent_fdb).
   */
  static Map<String, Object> forAgent(NetworkSegment segment, String networkId, String host, List<WiredPort> wired) {
    Map<String, Object> ports = new LinkedHashMap<>();
    for (WiredPort p : wired) {
      if (p.host().equals(host) || p.agentIp() == null) {
        continue;
      }
      @SuppressWarnings("unchecked")
      List<List<String>> entries = (List<List<String>>) ports.computeIfAbsent(p.agentIp(), k -> {
        List<List<String>> l = new ArrayList<>();
        l.add(FLOODING_ENTRY);
        return l;
      });
      entries.addAll(portEntries(p.mac(), p.ips()));
    }
    return network(segment, networkId, ports);
  }

  /**
   * What to remove everywhere when a port leaves the agent at {@code agentIp}: its entries, and
   * the flooding entry when no ACTIVE port of the network is left there (_get_agent_fdb).
   */
  static Map<String, Object> forRemoval(NetworkSegment segment, String networkId, String agentIp,
      boolean lastOnAgent, String mac, List<String> ips) {
    Map<String, Object> fdb = template(segment, agentIp, networkId);
    List<List<String>> entries = entriesOf(fdb, networkId, agentIp);
    if (lastOnAgent) {
      entries.add(FLOODING_ENTRY);
    }
    entries.addAll(portEntries(mac, ips));
    return fdb;
  }

  /** {"chg_ip": {network_id: {agentIp: {"before": [...], "after": [...]}}}} (_fixed_ips_changed). */
  static Map<String, Object> ipChange(String networkId, String agentIp, String mac, List<String> removed,
      List<String> added) {
    Map<String, Object> change = new LinkedHashMap<>();
    if (!removed.isEmpty()) {
      change.put("before", portEntries(mac, removed));
    }
    if (!added.isEmpty()) {
      change.put("after", portEntries(mac, added));
    }
    Map<String, Object> byAgent = new LinkedHashMap<>();
    byAgent.put(agentIp, change);
    Map<String, Object> byNetwork = new LinkedHashMap<>();
    byNetwork.put(networkId, byAgent);
    return Map.of("chg_ip", byNetwork);
  }
}
