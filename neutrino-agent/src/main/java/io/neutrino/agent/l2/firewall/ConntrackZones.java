package io.neutrino.agent.l2.firewall;

import io.neutrino.agent.linux.DeviceNames;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One conntrack zone per network (so overlapping addresses of two networks never share
 * connection state), numbered from 4097 like Neutron's IpConntrackManager. Zones already in the
 * raw table survive an agent restart: they are read back from {@code iptables-save -t raw}.
 */
public final class ConntrackZones {
  static final int ZONE_START = 4097;
  static final int MAX_ZONES = 65535;
  private static final Pattern ZONE_RULE =
      Pattern.compile(".* --physdev-in (?<dev>[a-zA-Z0-9\\-]+).* -j CT --zone (?<zone>\\d+).*");

  private final Map<String, Integer> zones = new HashMap<>();

  /** Zones of the bridges named in the raw table's CT rules. */
  public static ConntrackZones fromRawSave(String rawSave) {
    ConntrackZones z = new ConntrackZones();
    for (String line : rawSave.split("\n")) {
      Matcher m = ZONE_RULE.matcher(line);
      if (m.matches() && m.group("dev").startsWith(DeviceNames.BRIDGE_PREFIX)) {
        z.zones.put(m.group("dev").substring(DeviceNames.BRIDGE_PREFIX.length()),
            Integer.parseInt(m.group("zone")));
      }
    }
    return z;
  }

  /** The network's zone, allocating the next free one the first time. */
  public synchronized int zoneOf(String networkId) {
    String key = networkId.substring(0, Math.min(DeviceNames.RESOURCE_ID_LENGTH,
        networkId.length()));
    Integer zone = zones.get(key);
    if (zone == null) {
      zone = nextFree();
      zones.put(key, zone);
    }
    return zone;
  }

  /** Forgets the zones of networks that have no filtered port any more. */
  public synchronized void retain(Set<String> networkIds) {
    Set<String> keys = new TreeSet<>();
    for (String id : networkIds) {
      keys.add(id.substring(0, Math.min(DeviceNames.RESOURCE_ID_LENGTH, id.length())));
    }
    zones.keySet().retainAll(keys);
  }

  // after the highest zone in use; when the top is reached, the first gap
  private int nextFree() {
    TreeSet<Integer> used = new TreeSet<>(zones.values());
    if (used.isEmpty()) {
      return ZONE_START;
    }
    if (used.last() < MAX_ZONES) {
      return Math.max(used.last() + 1, ZONE_START);
    }
    for (int z = ZONE_START; z <= MAX_ZONES; z++) {
      if (!used.contains(z)) {
        return z;
      }
    }
    throw new IllegalStateException("all conntrack zones " + ZONE_START + ".." + MAX_ZONES
        + " are in use");
  }
}
