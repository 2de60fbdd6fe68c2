package io.neutrino.agent.linux;

import java.util.Objects;

/** {@code sysctl}: read and write kernel settings of the executor's network namespace. */
public final class Sysctl {
  private final HostExecutor host;

  public Sysctl(HostExecutor host) {
    this.host = Objects.requireNonNull(host);
  }

  /** The value, or null when the key does not exist (e.g. net.bridge without br_netfilter). */
  public String get(String key) {
    HostExecutor.Result r = host.tryRun(java.util.List.of("sysctl", "-n", key), null);
    return r.ok() ? r.stdout().strip() : null;
  }

  public void set(String key, String value) {
    host.run("sysctl", "-w", key + "=" + value);
  }
}
