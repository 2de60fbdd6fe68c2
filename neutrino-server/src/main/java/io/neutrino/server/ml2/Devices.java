package io.neutrino.server.ml2;

import io.neutrino.server.db.Database;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Device names as agents know them ({@code tap<port id[:11]>}, {@code qr-…}, {@code qg-…}, or a
 * whole port id) mapped to ports, as ML2's _device_to_port_id and get_port do: strip the
 * interface prefix, then take the rest as a port id prefix that must match exactly one port (a
 * prefix matching several is no port, as get_port's MultipleResultsFound). The one rule for every
 * RPC that names devices: device details, device up and down, security group info.
 */
public final class Devices {
  /** Neutron's INTERFACE_PREFIXES: the device-name prefixes agents put before a port id. */
  static final List<String> PREFIXES = List.of("tap", "qr-", "qg-", "sg-", "fg-", "ha-", "qvo", "qvb");
  /** What may follow the prefix: a port id's characters only (so nothing acts as a LIKE wildcard). */
  private static final Pattern ID_PART = Pattern.compile("[0-9a-fA-F-]{1,36}");

  private final Database db;

  public Devices(Database db) {
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
  public Optional<String> portId(String device) {
    if (device == null) {
      return Optional.empty();
    }
    String part = portIdPart(device);
    if (!ID_PART.matcher(part).matches()) {
      return Optional.empty();
    }
    // Two rows are enough to tell one match from several.
    List<String> ids = db.read(h -> h.createQuery("SELECT id FROM ports WHERE id LIKE ?")
        .bind(0, part + "%").setMaxRows(2).mapTo(String.class).list());
    return ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.empty();
  }

  /** Device name -> port id, for the devices that name a port (others are left out). */
  public Map<String, String> portIds(List<String> devices) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String d : devices) {
      portId(d).ifPresent(id -> out.put(d, id));
    }
    return out;
  }
}
