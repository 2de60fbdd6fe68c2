package io.neutrino.agent.l2;

import java.util.Map;
import java.util.Optional;

/**
 * One entry of {@code get_devices_details_list_and_failed_devices}: a port bound to this host
 * (an entry with only {@code device} means the server does not know the device).
 */
public record DeviceDetails(String device, String portId, String networkId, String macAddress,
    boolean adminStateUp, String networkType, String physicalNetwork,
    Optional<Integer> segmentationId, Optional<Integer> mtu, String deviceOwner) {

  /** The details of a known port, or empty for an unknown device. */
  public static Optional<DeviceDetails> from(Map<String, Object> m) {
    if (m.get("port_id") == null) {
      return Optional.empty();
    }
    return Optional.of(new DeviceDetails(String.valueOf(m.get("device")),
        String.valueOf(m.get("port_id")), String.valueOf(m.get("network_id")),
        String.valueOf(m.get("mac_address")), !Boolean.FALSE.equals(m.get("admin_state_up")),
        m.get("network_type") == null ? "local" : String.valueOf(m.get("network_type")),
        m.get("physical_network") == null ? null : String.valueOf(m.get("physical_network")),
        integer(m.get("segmentation_id")), integer(m.get("mtu")),
        String.valueOf(m.getOrDefault("device_owner", ""))));
  }

  private static Optional<Integer> integer(Object o) {
    if (o == null) {
      return Optional.empty();
    }
    return Optional.of(o instanceof Number n ? n.intValue() : Integer.parseInt(o.toString()));
  }

  /** The network's segment: what decides the bridge's uplink. */
  public Segment segment() {
    return new Segment(networkType, physicalNetwork, segmentationId, mtu);
  }

  /** A network segment as the agent sees it (type flat/vlan/vxlan/local). */
  public record Segment(String networkType, String physicalNetwork,
      Optional<Integer> segmentationId, Optional<Integer> mtu) {}
}
