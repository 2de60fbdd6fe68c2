package io.neutrino.agent.linux;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code bridge fdb}: forwarding entries of a VXLAN device. The all-zero MAC with a {@code dst} is
 * a flooding entry (where broadcast and unknown unicast go); several may be appended, one per
 * remote VTEP. A MAC with a {@code dst} sends that MAC's frames to one VTEP (l2population).
 */
public final class BridgeFdb {
  public static final String FLOODING_MAC = "00:00:00:00:00:00";
  private final HostExecutor host;

  public BridgeFdb(HostExecutor host) {
    this.host = Objects.requireNonNull(host);
  }

  /** One entry; {@code dst} is empty for entries the bridge learnt. */
  public record Entry(String mac, String device, Optional<String> dst) {}

  public void append(String mac, String device, String dst) {
    host.run("bridge", "fdb", "append", mac, "dev", device, "dst", dst);
  }

  public void replace(String mac, String device, String dst) {
    host.run("bridge", "fdb", "replace", mac, "dev", device, "dst", dst);
  }

  /** Deletes one entry; an entry already gone is not an error (the wanted state holds). */
  public void delete(String mac, String device, String dst) {
    HostExecutor.Result r = host.tryRun(
        List.of("bridge", "fdb", "delete", mac, "dev", device, "dst", dst), null);
    if (!r.ok() && !r.stderr().contains("No such file or directory")) {
      throw new HostCommandException(r);
    }
  }

  public List<Entry> show(String device) {
    List<Entry> out = new ArrayList<>();
    for (JsonNode n : Json.array(host.run("bridge", "-j", "fdb", "show", "dev", device))) {
      out.add(new Entry(n.path("mac").asText(), device, Optional.ofNullable(Json.text(n, "dst"))));
    }
    return out;
  }
}
