package io.neutrino.server.core;

import io.neutrino.lib.spi.InvalidConfiguration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random MACs from {@code [DEFAULT] base_mac} (default {@code fa:16:3e:00:00:00}): octets that are
 * not {@code 00} in the base are kept, the rest are random, as neutron_lib's get_random_mac.
 */
public final class MacAddresses {
  private final int[] base = new int[6];
  private final boolean[] fixed = new boolean[6];

  public MacAddresses(String baseMac) {
    String[] parts = baseMac.trim().split(":");
    if (parts.length != 6) {
      throw new InvalidConfiguration("DEFAULT", "base_mac", "'" + baseMac + "' is not a MAC address");
    }
    for (int i = 0; i < 6; i++) {
      try {
        base[i] = Integer.parseInt(parts[i], 16);
      } catch (NumberFormatException e) {
        throw new InvalidConfiguration("DEFAULT", "base_mac", "'" + baseMac + "' is not a MAC address");
      }
      // Neutron keeps the first three octets and any later non-zero octet of the base.
      fixed[i] = i < 3 || base[i] != 0;
    }
  }

  public String random() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    StringBuilder sb = new StringBuilder(17);
    for (int i = 0; i < 6; i++) {
      int octet = fixed[i] ? base[i] : r.nextInt(256);
      if (i > 0) {
        sb.append(':');
      }
      sb.append(String.format(Locale.ROOT, "%02x", octet));
    }
    return sb.toString();
  }
}
