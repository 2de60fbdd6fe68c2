package io.neutrino.agent.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@code ip netns}: named network namespaces (they live in /run/netns, whatever namespace asks). */
public final class IpNetns {
  private final HostExecutor host;

  public IpNetns(HostExecutor host) {
    this.host = Objects.requireNonNull(host);
  }

  public void add(String name) {
    host.run("ip", "netns", "add", name);
  }

  public void delete(String name) {
    host.run("ip", "netns", "delete", name);
  }

  public List<String> list() {
    List<String> names = new ArrayList<>();
    for (var n : Json.array(host.run("ip", "-j", "netns", "list"))) {
      names.add(n.path("name").asText());
    }
    return names;
  }

  public boolean exists(String name) {
    return list().contains(name);
  }
}
