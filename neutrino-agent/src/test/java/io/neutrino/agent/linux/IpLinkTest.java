package io.neutrino.agent.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class IpLinkTest {
  @Test
  void parsesIpJsonLinks() {
    String json = """
        [{"ifindex":3,"ifname":"vxlan-100","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],
          "mtu":1450,"master":"brqx","address":"ea:ba:8d:cd:97:49",
          "linkinfo":{"info_kind":"vxlan","info_data":{"id":100,"port":4789},
                      "info_slave_kind":"bridge"}},
         {"ifindex":5,"link_index":2,"ifname":"tapv","flags":["BROADCAST","MULTICAST"],
          "mtu":1500,"address":"9a:e0:17:c6:73:24"}]
        """;
    assertThat(IpLink.parse(json)).containsExactly(
        new IpLink.Link("vxlan-100", 3, "vxlan", Optional.of("brqx"), true, 1450,
            "ea:ba:8d:cd:97:49"),
        new IpLink.Link("tapv", 5, "", Optional.empty(), false, 1500, "9a:e0:17:c6:73:24"));
  }

  @Test
  void parsesAddresses() {
    String json = """
        [{"ifindex":2,"ifname":"under0","addr_info":[
          {"family":"inet","local":"192.168.250.1","prefixlen":24},
          {"family":"inet6","local":"fe80::1","prefixlen":64}]}]
        """;
    assertThat(IpAddr.parse(json)).containsExactly(
        new IpAddr.Address("under0", "inet", "192.168.250.1/24"),
        new IpAddr.Address("under0", "inet6", "fe80::1/64"));
  }
}
