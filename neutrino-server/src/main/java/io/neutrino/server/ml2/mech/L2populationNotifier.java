package io.neutrino.server.ml2.mech;

import java.util.Map;

/**
 * Where the l2population driver sends forwarding entries (neutron/plugins/ml2/drivers/l2pop/rpc.py
 * L2populationAgentNotifyAPI): the RPC layer casts each call on the {@code l2population} update
 * topic, to the agent of {@code host} or, when {@code host} is null, fanout to every agent. It
 * registers its implementation as a server service
 * ({@code NeutrinoServer.start(config, loader, Map.of(L2populationNotifier.class, impl))}).
 *
 * <p>{@code fdbEntries} are JSON-ready, as Neutron sends them:
 * {@code {network_id: {"segment_id": 1001, "network_type": "vxlan", "ports": {agent_ip:
 * [[mac, ip], ...]}}}} where {@code ["00:00:00:00:00:00", "0.0.0.0"]} is the flooding entry; for
 * update, {@code {"chg_ip": {network_id: {agent_ip: {"before": [[mac, ip]], "after": [[mac, ip]]}}}}}.
 */
public interface L2populationNotifier {
  void addFdbEntries(Map<String, Object> fdbEntries, String host);

  void removeFdbEntries(Map<String, Object> fdbEntries, String host);

  void updateFdbEntries(Map<String, Object> fdbEntries, String host);
}
