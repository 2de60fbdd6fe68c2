package io.neutrino.agent.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The few {@code ip} operations the DHCP and L3 agents need (neutron/agent/linux/ip_lib.py), run
 * through one {@link HostExecutor}: bound to the agent's host namespace for host-side devices, or
 * to a {@code qdhcp-}/{@code qrouter-} namespace for what lives inside it. Namespaces, addresses
 * and routes are made here; links (bridges, veths, their state) only through {@link IpLink}, so
 * that a bridge is the same whichever agent makes it first.
 *
 * <p>Named namespaces are created and deleted only through an executor in the root mount
 * namespace: {@code ip netns add} run under {@code ip netns exec} mounts the new namespace in a
 * private mount namespace, and the name is left dangling once that command exits.
 */
public final class IpCommand {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HostExecutor host;
  private final IpLink links;

  public IpCommand(HostExecutor host) {
    this.host = Objects.requireNonNull(host);
    this.links = new IpLink(host);
  }

  /** An address on a device as {@code ip -j addr} shows it. */
  public record Address(String device, String cidr, int family) {
    public String ip() {
      return cidr.substring(0, cidr.indexOf('/'));
    }
  }

  /** A route of the main table as {@code ip -j route} shows it ({@code gateway} may be null). */
  public record Route(String destination, String gateway, String device) {}

  // ---- namespaces (use with a root executor) ----

  public List<String> namespaces() {
    List<String> names = new ArrayList<>();
    for (String line : host.run("ip", "netns", "list").split("\n")) {
      String name = line.strip();
      if (!name.isEmpty()) {
        // "qrouter-x (id: 3)": the name is the first word.
        names.add(name.split("\\s+")[0]);
      }
    }
    return names;
  }

  public boolean namespaceExists(String namespace) {
    return namespaces().contains(namespace);
  }

  public void ensureNamespace(String namespace) {
    if (!namespaceExists(namespace)) {
      host.run("ip", "netns", "add", namespace);
      host.run("ip", "-n", namespace, "link", "set", "lo", "up");
    }
  }

  public void deleteNamespace(String namespace) {
    if (namespaceExists(namespace)) {
      host.run("ip", "netns", "delete", namespace);
    }
  }

  /** Pids of the processes whose network namespace is this one. */
  public List<Long> namespacePids(String namespace) {
    List<Long> pids = new ArrayList<>();
    for (String line : host.run("ip", "netns", "pids", namespace).split("\n")) {
      if (!line.isBlank()) {
        pids.add(Long.parseLong(line.strip()));
      }
    }
    return pids;
  }

  // ---- links ----

  public boolean deviceExists(String device) {
    return host.tryRun(List.of("ip", "link", "show", "dev", device), null).ok();
  }

  /** Device names of this executor's namespace, without {@code lo}. */
  public List<String> devices() {
    List<String> names = new ArrayList<>();
    for (JsonNode link : json(host.run("ip", "-j", "link", "show"))) {
      String name = link.path("ifname").asText();
      if (!name.equals("lo")) {
        names.add(name);
      }
    }
    return names;
  }

  /** A veth pair: {@code local} here, {@code peer} created directly inside {@code peerNamespace}. */
  public void addVeth(String local, String peer, String peerNamespace) {
    links.addVeth(local, peer, Optional.of(peerNamespace));
  }

  /** A network's bridge, as the L2 agent makes it ({@link IpLink#addBridge}). */
  public void addBridge(String bridge) {
    links.addBridge(bridge);
  }

  public void setMaster(String device, String bridge) {
    links.setMaster(device, bridge);
  }

  public Optional<String> master(String device) {
    return links.show(device).flatMap(IpLink.Link::master);
  }

  public void setUp(String device) {
    links.setUp(device);
  }

  public void setMtu(String device, int mtu) {
    links.setMtu(device, mtu);
  }

  public void setAddress(String device, String mac) {
    links.setAddress(device, mac);
  }

  public void deleteDevice(String device) {
    if (deviceExists(device)) {
      links.delete(device);
    }
  }

  // ---- addresses ----

  public List<Address> addresses(String device) {
    List<Address> out = new ArrayList<>();
    for (JsonNode link : json(host.run("ip", "-j", "addr", "show", "dev", device))) {
      for (JsonNode a : link.path("addr_info")) {
        String scope = a.path("scope").asText();
        if (!scope.equals("link") && !scope.equals("host")) {
          int family = a.path("family").asText().equals("inet6") ? 6 : 4;
          out.add(new Address(device, a.path("local").asText() + "/" + a.path("prefixlen").asInt(),
              family));
        }
      }
    }
    return out;
  }

  public void addAddress(String device, String cidr) {
    List<String> cmd = new ArrayList<>(List.of("ip", "addr", "add", cidr));
    if (!cidr.contains(":")) {
      cmd.addAll(List.of("brd", "+"));
    }
    cmd.addAll(List.of("dev", device));
    host.run(cmd, null);
  }

  public void deleteAddress(String device, String cidr) {
    host.run("ip", "addr", "del", cidr, "dev", device);
  }

  /** Makes the device's global addresses exactly {@code wanted} (CIDRs), in order. */
  public void syncAddresses(String device, List<String> wanted) {
    List<String> existing = addresses(device).stream().map(Address::cidr).toList();
    for (String cidr : existing) {
      if (!wanted.contains(cidr)) {
        deleteAddress(device, cidr);
      }
    }
    for (String cidr : wanted) {
      if (!existing.contains(cidr)) {
        addAddress(device, cidr);
      }
    }
  }

  // ---- routes ----

  public List<Route> routes(int ipVersion) {
    List<Route> out = new ArrayList<>();
    for (JsonNode r : json(host.run("ip", "-j", "-" + ipVersion, "route", "show", "table", "main"))) {
      out.add(new Route(r.path("dst").asText(), r.has("gateway") ? r.get("gateway").asText() : null,
          r.path("dev").asText(null)));
    }
    return out;
  }

  public Optional<String> defaultGateway(int ipVersion) {
    return routes(ipVersion).stream().filter(r -> r.destination().equals("default"))
        .map(Route::gateway).filter(Objects::nonNull).findFirst();
  }

  public void replaceRoute(String destination, String via) {
    host.run("ip", "route", "replace", destination, "via", via);
  }

  public void replaceOnLinkRoute(String destination, String device) {
    host.run("ip", "route", "replace", destination, "dev", device, "scope", "link");
  }

  public void deleteRoute(String destination, String via) {
    host.run("ip", "route", "del", destination, "via", via);
  }

  public void deleteDefaultRoute(int ipVersion) {
    host.run("ip", "-" + ipVersion, "route", "del", "default");
  }

  private static JsonNode json(String text) {
    try {
      return text.isBlank() ? JSON.createArrayNode() : JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException("unexpected output of ip -j: " + text, e);
    }
  }
}
