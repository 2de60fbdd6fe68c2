package io.neutrino.agent.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@code conntrack}: deletes tracked connections a removed firewall rule no longer allows. */
public final class Conntrack {
  private final HostExecutor host;

  public Conntrack(HostExecutor host) {
    this.host = Objects.requireNonNull(host);
  }

  /**
   * Deletes the entries of {@code zone} between {@code source} and {@code destination} (either
   * may be null: any). Finding nothing to delete is not an error.
   */
  public void delete(int zone, String family, String source, String destination) {
    List<String> cmd = new ArrayList<>(List.of("conntrack", "-D", "-f", family,
        "-w", Integer.toString(zone)));
    if (source != null) {
      cmd.addAll(List.of("-s", source));
    }
    if (destination != null) {
      cmd.addAll(List.of("-d", destination));
    }
    HostExecutor.Result r = host.tryRun(cmd, null);
    // conntrack exits 1 with "0 flow entries have been deleted" when nothing matched.
    if (!r.ok() && !r.stderr().contains("0 flow entries")) {
      throw new HostCommandException(r);
    }
  }
}
