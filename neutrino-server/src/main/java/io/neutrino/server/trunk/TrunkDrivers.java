package io.neutrino.server.trunk;

import io.neutrino.lib.spi.InvalidConfiguration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trunk drivers (neutron/services/trunk/drivers): each is loaded when its ML2 mechanism
 * driver is in {@code [ml2] mechanism_drivers}, as Neutron's is_loaded says. Without one the
 * plugin refuses to start (IncompatibleTrunkPluginConfiguration); the segmentation types are
 * those every loaded driver supports (VLAN for all in-tree drivers). A bound parent port may be
 * trunked only when the one driver serving its VIF type can trunk bound ports; Neutron also
 * matches the agent types of the host, which Neutrino leaves to the VIF type.
 */
record TrunkDrivers(List<Driver> loaded, Set<String> segmentationTypes) {

  record Driver(String name, Set<String> interfaces, Set<String> segmentationTypes,
      boolean canTrunkBoundPort) {}

  private static final Map<String, Driver> KNOWN = Map.of(
      "linuxbridge", new Driver("linuxbridge", Set.of("bridge"), Set.of("vlan"), true),
      "openvswitch", new Driver("openvswitch", Set.of("ovs", "vhostuser"), Set.of("vlan"), false),
      "ovn", new Driver("ovn", Set.of("ovs", "vhostuser"), Set.of("vlan"), true));

  static TrunkDrivers forMechanismDrivers(List<String> mechanismDrivers) {
    List<Driver> loaded = new ArrayList<>();
    for (String m : mechanismDrivers) {
      Driver d = KNOWN.get(m);
      if (d != null && !loaded.contains(d)) {
        loaded.add(d);
      }
    }
    if (loaded.isEmpty()) {
      throw new InvalidConfiguration("ml2", "mechanism_drivers",
          "Cannot load trunk plugin: no compatible core plugin configuration is found.");
    }
    Set<String> types = new HashSet<>(loaded.get(0).segmentationTypes());
    loaded.forEach(d -> types.retainAll(d.segmentationTypes()));
    return new TrunkDrivers(List.copyOf(loaded), Set.copyOf(types));
  }

  /** can_be_trunked_or_untrunked for a port bound with {@code vifType}. */
  boolean canTrunkBound(Object vifType) {
    List<Driver> compatible = loaded.stream().filter(d -> d.interfaces().contains(vifType)).toList();
    if (compatible.size() > 1) {
      throw TrunkFaults.driverConflict();
    }
    return compatible.size() == 1 && compatible.get(0).canTrunkBoundPort();
  }
}
