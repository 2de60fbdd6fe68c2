package io.neutrino.agent.linux;

/** Lets tests of other packages see the restore text {@link Iptables#apply} would feed. */
public final class IptablesTestAccess {
  private IptablesTestAccess() {}

  public static String restoreInput(String prefix, String save, Iptables.Table table) {
    return Iptables.restoreInput(prefix, save, table);
  }
}
