package io.neutrino.lib.spi;

/**
 * A plugin's verdict that an option it reads has a bad value. Start-up stops with one line naming
 * the option, e.g. {@code [ml2_type_vlan] network_vlan_ranges: malformed range 'physnet1:x:9'}.
 */
public class InvalidConfiguration extends RuntimeException {
  public InvalidConfiguration(String section, String key, String problem) {
    super("[" + section + "] " + key + ": " + problem, null, false, false);
  }
}
