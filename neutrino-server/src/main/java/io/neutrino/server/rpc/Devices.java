package io.neutrino.server.rpc;

import io.neutrino.server.db.Database;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Device names as agents know them ({@code tap<port id[:11]>}, {@code qr-…}, {@code qg-…}) mapped
 * to ports, as ML2's _device_to_port_id and get_port_from_device do: strip the prefix, then match
 * the rest as a port id prefix.
 */
final class Devices {
  /** Neutron's INTERFACE_PREFIXES: the device-name prefixes agents put before a port id. */
  static final List<String> PREFIXES = List.of("tap", "qr-", "qg-", "sg-", "fg-", "ha-", "qvo", "qvb");

  private final Database db;

  Devices(Database db) {
    this.db = db;
  }

  static String portIdPart(String device) {
    for (String p : PREFIXES) {
      if (device.startsWith(p)) {
        return device.substring(p.length());
      }
    }
    return device;
  }

  /** The port id a device name stands for, if exactly one port matches it. */
  Optional<String> portId(String device) {
    String part = portIdPart(device);
    if (part.isEmpty() || !part.matches("[0-9a-fA-F-]+")) {
      return Optional.empty();
    }
    List<String> ids = db.read(h -> h.createQuery("SELECT id FROM ports WHERE id LIKE ?")
        .bind(0, part + "%").mapTo(String.class).list());
    return ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.empty();
  }

  /** Device name -> port id, for the devices that name a port (others are left out). */
  Map<String, String> portIds(List<String> devices) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String d : devices) {
      portId(d).ifPresent(id -> out.put(d, id));
    }
    return out;
  }
}
