package io.neutrino.agent.linux;

import java.util.List;
import java.util.Objects;

/** {@code ip neigh}: permanent ARP/ND entries (the VXLAN ARP responder answers from them). */
public final class IpNeigh {
  private final HostExecutor host;

  public IpNeigh(HostExecutor host) {
    this.host = Objects.requireNonNull(host);
  }

  public void replace(String ip, String mac, String device) {
    host.run("ip", "neigh", "replace", ip, "lladdr", mac, "dev", device, "nud", "permanent");
  }

  /** Deletes the entry; one already gone is not an error. */
  public void delete(String ip, String mac, String device) {
    HostExecutor.Result r = host.tryRun(
        List.of("ip", "neigh", "delete", ip, "lladdr", mac, "dev", device), null);
    if (!r.ok() && !r.stderr().contains("No such file or directory")
        && !r.stderr().contains("Cannot find device")) {
      throw new HostCommandException(r);
    }
  }
}
