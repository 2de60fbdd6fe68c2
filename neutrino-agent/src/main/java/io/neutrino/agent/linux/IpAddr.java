package io.neutrino.agent.linux;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code ip addr}: the addresses on a device, add, delete, and which device holds an address. */
public final class IpAddr {
  private final HostExecutor host;

  public IpAddr(HostExecutor host) {
    this.host = Objects.requireNonNull(host);
  }

  /** An address on a device: {@code cidr} is {@code address/prefixlen}. */
  public record Address(String device, String family, String cidr) {
    public String ip() {
      return cidr.substring(0, cidr.indexOf('/'));
    }
  }

  public List<Address> list(String device) {
    return parse(host.run("ip", "-j", "addr", "show", "dev", device));
  }

  public List<Address> listAll() {
    return parse(host.run("ip", "-j", "addr", "show"));
  }

  /** The device that holds {@code ip} (the VXLAN underlay device for {@code local_ip}). */
  public Optional<String> deviceWith(String ip) {
    return listAll().stream().filter(a -> a.ip().equals(ip)).map(Address::device).findFirst();
  }

  public void add(String device, String cidr) {
    host.run("ip", "addr", "add", cidr, "dev", device);
  }

  public void delete(String device, String cidr) {
    host.run("ip", "addr", "delete", cidr, "dev", device);
  }

  public void flush(String device) {
    host.run("ip", "addr", "flush", "dev", device);
  }

  static List<Address> parse(String json) {
    List<Address> out = new ArrayList<>();
    for (JsonNode link : Json.array(json)) {
      for (JsonNode a : link.path("addr_info")) {
        out.add(new Address(link.path("ifname").asText(), a.path("family").asText(),
            a.path("local").asText() + "/" + a.path("prefixlen").asInt()));
      }
    }
    return out;
  }
}
