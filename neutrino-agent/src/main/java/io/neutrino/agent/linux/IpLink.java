package io.neutrino.agent.linux;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code ip link}: list, create (bridge, vxlan, vlan, veth), change and delete links. */
public final class IpLink {
  private final HostExecutor host;

  public IpLink(HostExecutor host) {
    this.host = Objects.requireNonNull(host);
  }

  /**
   * A link as {@code ip -j -d link} shows it. {@code kind} is the link type ({@code bridge},
   * {@code vxlan}, {@code veth}, {@code vlan}) or empty for a plain device; {@code index} changes
   * when a device is deleted and made again, which is how the L2 agent notices a re-plugged TAP.
   */
  public record Link(String name, int index, String kind, Optional<String> master, boolean up,
      int mtu, String address) {}

  public List<Link> list() {
    return parse(host.run("ip", "-j", "-d", "link", "show"));
  }

  public Optional<Link> show(String name) {
    HostExecutor.Result r = host.tryRun(List.of("ip", "-j", "-d", "link", "show", "dev", name), null);
    if (!r.ok()) {
      if (r.stderr().contains("does not exist")) {
        return Optional.empty();
      }
      throw new HostCommandException(r);
    }
    return parse(r.stdout()).stream().findFirst();
  }

  public boolean exists(String name) {
    return show(name).isPresent();
  }

  /** The links enslaved to {@code master} (a bridge's ports). */
  public List<Link> ports(String master) {
    return parse(host.run("ip", "-j", "-d", "link", "show", "master", master));
  }

  /** A bridge with STP off and no forward delay, as Neutron's ensure_bridge makes it. */
  public void addBridge(String name) {
    host.run("ip", "link", "add", name, "type", "bridge", "forward_delay", "0", "stp_state", "0");
  }

  /** VXLAN device options; {@code group} is for multicast mode, empty for unicast. */
  public record Vxlan(long vni, Optional<String> local, Optional<String> group, int dstPort,
      Optional<String> dev, Optional<Integer> ttl, boolean proxy) {}

  public void addVxlan(String name, Vxlan v) {
    List<String> cmd = new ArrayList<>(List.of("ip", "link", "add", name, "type", "vxlan",
        "id", Long.toString(v.vni()), "dstport", Integer.toString(v.dstPort())));
    v.local().ifPresent(l -> cmd.addAll(List.of("local", l)));
    v.group().ifPresent(g -> cmd.addAll(List.of("group", g)));
    v.dev().ifPresent(d -> cmd.addAll(List.of("dev", d)));
    v.ttl().ifPresent(t -> cmd.addAll(List.of("ttl", Integer.toString(t))));
    if (v.proxy()) {
      cmd.add("proxy");
    }
    host.run(cmd, null);
  }

  /**
   * An 802.1Q subinterface. Kernels without the 8021q module answer "Unknown device type"; the
   * agent never loads modules, so that becomes an error that says what is missing.
   */
  public void addVlan(String name, String parent, int vlanId) {
    HostExecutor.Result r = host.tryRun(List.of("ip", "link", "add", "link", parent, "name", name,
        "type", "vlan", "id", Integer.toString(vlanId)), null);
    if (!r.ok()) {
      if (r.stderr().contains("Unknown device type")) {
        throw new UnsupportedOperationException("Cannot create VLAN subinterface " + name + " on "
            + parent + ": this kernel has no 802.1Q support (module 8021q is not loaded, and the "
            + "agent does not load kernel modules): " + r.stderr().strip());
      }
      throw new HostCommandException(r);
    }
  }

  /** A veth pair; the peer is moved into {@code peerNamespace} when given. */
  public void addVeth(String name, String peer, Optional<String> peerNamespace) {
    List<String> cmd = new ArrayList<>(List.of("ip", "link", "add", name, "type", "veth",
        "peer", "name", peer));
    peerNamespace.ifPresent(ns -> cmd.addAll(List.of("netns", ns)));
    host.run(cmd, null);
  }

  public void setUp(String name) {
    host.run("ip", "link", "set", "dev", name, "up");
  }

  public void setDown(String name) {
    host.run("ip", "link", "set", "dev", name, "down");
  }

  public void setMaster(String name, String master) {
    host.run("ip", "link", "set", "dev", name, "master", master);
  }

  public void setNoMaster(String name) {
    host.run("ip", "link", "set", "dev", name, "nomaster");
  }

  public void setMtu(String name, int mtu) {
    host.run("ip", "link", "set", "dev", name, "mtu", Integer.toString(mtu));
  }

  public void setAddress(String name, String mac) {
    host.run("ip", "link", "set", "dev", name, "address", mac);
  }

  public void setNamespace(String name, String namespace) {
    host.run("ip", "link", "set", "dev", name, "netns", namespace);
  }

  public void delete(String name) {
    host.run("ip", "link", "delete", "dev", name);
  }

  static List<Link> parse(String json) {
    List<Link> links = new ArrayList<>();
    for (JsonNode n : Json.array(json)) {
      JsonNode info = n.path("linkinfo");
      boolean up = false;
      for (JsonNode f : n.path("flags")) {
        up |= f.asText().equals("UP");
      }
      links.add(new Link(n.path("ifname").asText(), n.path("ifindex").asInt(),
          info.path("info_kind").asText(""), Optional.ofNullable(Json.text(n, "master")), up,
          n.path("mtu").asInt(), n.path("address").asText("")));
    }
    return links;
  }
}
