package io.neutrino.agent.l2;

import io.neutrino.agent.linux.DeviceNames;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * l2population casts (neutron/plugins/ml2/drivers/l2pop/rpc_manager/l2population_rpc.py and the
 * linuxbridge agent's fdb_add/fdb_remove/fdb_update), with Neutron's payloads:
 * <pre>
 * fdb_add / fdb_remove: {network_id: {"segment_id": 1001, "network_type": "vxlan",
 *                                     "ports": {remote_vtep_ip: [[mac, ip], ...]}}}
 * update_fdb_entries:   {"chg_ip": {network_id: {remote_vtep_ip: {"before": [[mac, ip]],
 *                                                                 "after": [[mac, ip]]}}}}
 * </pre>
 * The flooding entry {@code ["00:00:00:00:00:00", "0.0.0.0"]} adds the remote VTEP to the
 * VXLAN device's flood list; other entries pin a MAC to a VTEP. Networks this host does not
 * serve, non-VXLAN networks and entries for this host's own VTEP are ignored, as in Neutron.
 */
public final class L2PopHandler {
  private final LinuxBridgeManager manager;
  private final Function<String, Optional<DeviceDetails.Segment>> segments;

  /** {@code segments} gives the segment of a network the agent has ports on. */
  public L2PopHandler(LinuxBridgeManager manager,
      Function<String, Optional<DeviceDetails.Segment>> segments) {
    this.manager = Objects.requireNonNull(manager);
    this.segments = Objects.requireNonNull(segments);
  }

  public void fdbAdd(Map<String, Object> fdbEntries) {
    forEachRemote(fdbEntries, manager::addFdbEntries);
  }

  public void fdbRemove(Map<String, Object> fdbEntries) {
    forEachRemote(fdbEntries, manager::removeFdbEntries);
  }

  /** {@code update_fdb_entries}: only {@code chg_ip} exists; another action is an error. */
  @SuppressWarnings("unchecked")
  public void updateFdb(Map<String, Object> fdbEntries) {
    for (var action : fdbEntries.entrySet()) {
      if (!action.getKey().equals("chg_ip")) {
        throw new UnsupportedOperationException("Unknown fdb update action " + action.getKey());
      }
      ((Map<String, Object>) action.getValue()).forEach((networkId, byAgent) -> {
        Optional<String> vxlan = vxlanOf(networkId);
        if (vxlan.isEmpty()) {
          return;
        }
        ((Map<String, Object>) byAgent).forEach((agentIp, change) -> {
          if (isLocal(agentIp)) {
            return;
          }
          Map<String, Object> c = (Map<String, Object>) change;
          manager.changeIpEntries(pairs(c.get("before")), pairs(c.get("after")), vxlan.get());
        });
      });
    }
  }

  private interface FdbAction {
    void apply(String agentIp, List<List<String>> ports, String vxlan);
  }

  @SuppressWarnings("unchecked")
  private void forEachRemote(Map<String, Object> fdbEntries, FdbAction action) {
    fdbEntries.forEach((networkId, values) -> {
      Optional<String> vxlan = vxlanOf(networkId);
      if (vxlan.isEmpty()) {
        return;
      }
      Map<String, Object> ports =
          (Map<String, Object>) ((Map<String, Object>) values).getOrDefault("ports", Map.of());
      ports.forEach((agentIp, entries) -> {
        if (!isLocal(agentIp)) {
          action.apply(agentIp, pairs(entries), vxlan.get());
        }
      });
    });
  }

  private Optional<String> vxlanOf(String networkId) {
    return segments.apply(networkId)
        .filter(s -> s.networkType().equals("vxlan") && s.segmentationId().isPresent())
        .map(s -> DeviceNames.vxlan(s.segmentationId().get()));
  }

  private boolean isLocal(String agentIp) {
    return manager.localIp().map(agentIp::equals).orElse(false);
  }

  @SuppressWarnings("unchecked")
  private static List<List<String>> pairs(Object o) {
    if (o == null) {
      return List.of();
    }
    return ((List<Object>) o).stream()
        .map(p -> ((List<Object>) p).stream().map(String::valueOf).toList()).toList();
  }
}
