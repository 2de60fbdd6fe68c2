package io.neutrino.agent.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** dnsmasq's files for a Neutron-shaped network dict, line for line as dhcp.py Dnsmasq writes. */
class DnsmasqConfigTest {
  private static final DhcpAgentConfig CONF = DhcpAgentConfig.defaults("host-1", Path.of("/s"));

  private static Map<String, Object> subnet(String id, String cidr, int version, String gateway,
      List<String> dns, List<Map<String, Object>> routes, String v6Mode) {
    Map<String, Object> s = new java.util.LinkedHashMap<>();
    s.put("id", id);
    s.put("cidr", cidr);
    s.put("ip_version", version);
    s.put("enable_dhcp", true);
    s.put("gateway_ip", gateway);
    s.put("dns_nameservers", dns);
    s.put("host_routes", routes);
    s.put("ipv6_address_mode", v6Mode);
    s.put("ipv6_ra_mode", v6Mode);
    return s;
  }

  private static Map<String, Object> port(String id, String mac, String owner,
      List<Map<String, Object>> ips, List<Map<String, Object>> opts) {
    return Map.of("id", id, "network_id", "net-1", "mac_address", mac, "device_owner", owner,
        "device_id", "dev-" + id, "fixed_ips", ips, "extra_dhcp_opts", opts);
  }

  private static Map<String, Object> ip(String subnet, String address) {
    return Map.of("subnet_id", subnet, "ip_address", address);
  }

  static final DhcpNetwork NETWORK = DhcpNetwork.fromMap(Map.of(
      "id", "net-1", "project_id", "p", "admin_state_up", true, "mtu", 1450,
      "subnets", List.of(
          subnet("s4", "10.0.0.0/24", 4, "10.0.0.1", List.of("8.8.8.8", "8.8.4.4"),
              List.of(Map.of("destination", "20.0.0.0/24", "nexthop", "10.0.0.254")), null),
          subnet("s4b", "10.0.1.0/24", 4, null, List.of(), List.of(), null),
          subnet("s6", "fd00::/64", 6, "fd00::1", List.of(), List.of(), "dhcpv6-stateful")),
      "ports", List.of(
          port("p1", "fa:16:3e:00:00:01", "compute:nova",
              List.of(ip("s4", "10.0.0.5"), ip("s6", "fd00::5")),
              List.of(Map.of("opt_name", "tftp-server", "opt_value", "10.0.0.9", "ip_version", 4),
                  Map.of("opt_name", "bootfile-name", "opt_value", "pxelinux.0",
                      "ip_version", 4))),
          port("r", "fa:16:3e:00:00:0a", "network:router_interface",
              List.of(ip("s4", "10.0.0.1")), List.of()),
          port("d", "fa:16:3e:00:00:0d", "network:dhcp",
              List.of(ip("s4", "10.0.0.2"), ip("s4b", "10.0.1.2")), List.of()),
          port("p2", "fa:16:3e:00:00:02", "compute:nova", List.of(ip("s4b", "10.0.1.7")),
              List.of(Map.of("opt_name", "client-id", "opt_value", "abc", "ip_version", 4))))));

  private final DnsmasqConfig config = new DnsmasqConfig(CONF, NETWORK);

  @Test
  void hostsFileHasOneLinePerServedAddressButNotTheDhcpPort() {
    assertThat(config.hostsFile()).isEqualTo("""
        fa:16:3e:00:00:01,host-10-0-0-5.openstacklocal,10.0.0.5,set:port-p1
        fa:16:3e:00:00:01,tag:dhcpv6,host-fd00--5.openstacklocal,[fd00::5],set:port-p1
        fa:16:3e:00:00:0a,host-10-0-0-1.openstacklocal,10.0.0.1
        fa:16:3e:00:00:02,id:abc,host-10-0-1-7.openstacklocal,10.0.1.7
        """);
  }

  @Test
  void addnHostsNamesEveryAddressFqdnFirst() {
    assertThat(config.addnHostsFile()).isEqualTo("""
        10.0.0.5\thost-10-0-0-5.openstacklocal host-10-0-0-5
        fd00::5\thost-fd00--5.openstacklocal host-fd00--5
        10.0.0.1\thost-10-0-0-1.openstacklocal host-10-0-0-1
        10.0.1.7\thost-10-0-1-7.openstacklocal host-10-0-1-7
        """);
  }

  @Test
  void optsFileHasDnsRoutesGatewayAndPortOptions() {
    String routes = "10.0.1.0/24,0.0.0.0,20.0.0.0/24,10.0.0.254,169.254.169.254/32,10.0.0.1,"
        + "0.0.0.0/0,10.0.0.1";
    assertThat(config.optsFile()).isEqualTo(String.join("\n",
        "tag:subnet-s4,option:dns-server,8.8.8.8,8.8.4.4",
        "tag:subnet-s4,option:classless-static-route," + routes,
        "tag:subnet-s4,249," + routes,
        "tag:subnet-s4,option:router,10.0.0.1",
        "tag:subnet-s4b,option:classless-static-route,10.0.0.0/24,0.0.0.0",
        "tag:subnet-s4b,249,10.0.0.0/24,0.0.0.0",
        "tag:subnet-s4b,option:router",
        "tag:subnet-s6,option6:domain-search,openstacklocal",
        "tag:port-p1,option:tftp-server,10.0.0.9",
        "tag:port-p1,option:bootfile-name,pxelinux.0"));
  }

  @Test
  void anyAddressAsOnlyNameserverAnnouncesNone() {
    DhcpNetwork n = DhcpNetwork.fromMap(Map.of("id", "n", "subnets",
        List.of(subnet("s", "10.1.0.0/16", 4, "10.1.0.1", List.of("0.0.0.0"), List.of(), null)),
        "ports", List.of()));
    assertThat(new DnsmasqConfig(CONF, n).optsFile()).isEqualTo(
        "tag:subnet-s,option:dns-server\ntag:subnet-s,option:router,10.1.0.1");
  }

  @Test
  void optionsWithTagsAndNumbersAreFormattedAsNeutronDoes() {
    assertThat(DnsmasqConfig.format(4, "port-x", "tag:ipxe,bootfile-name", "a.efi"))
        .isEqualTo("tag:port-x,tag:ipxe,option:bootfile-name,a.efi");
    assertThat(DnsmasqConfig.format(4, "port-x", "150", "10.0.0.9"))
        .isEqualTo("tag:port-x,150,10.0.0.9");
    assertThat(DnsmasqConfig.format(6, "port-x", "dns-server", "[fd00::9]"))
        .isEqualTo("tag:port-x,option6:dns-server,[fd00::9]");
  }

  @Test
  void commandLineServesEachDhcpSubnetWithLeaseTimeAndMtu() {
    assertThat(config.commandLine(Path.of("/s/dhcp/net-1"))).containsExactly(
        "dnsmasq", "--no-hosts", "--no-resolv",
        "--pid-file=/s/dhcp/net-1/pid",
        "--dhcp-hostsfile=/s/dhcp/net-1/host",
        "--addn-hosts=/s/dhcp/net-1/addn_hosts",
        "--dhcp-optsfile=/s/dhcp/net-1/opts",
        "--dhcp-leasefile=/s/dhcp/net-1/leases",
        "--dhcp-match=set:ipxe,175", "--dhcp-userclass=set:ipxe6,iPXE", "--local-service",
        "--bind-dynamic",
        "--dhcp-range=set:subnet-s4,10.0.0.0,static,255.255.255.0,86400s",
        "--dhcp-range=set:subnet-s4b,10.0.1.0,static,255.255.255.0,86400s",
        "--dhcp-range=set:subnet-s6,fd00::,static,64,86400s",
        "--dhcp-option-force=option:mtu,1450",
        "--dhcp-lease-max=16777216",
        "--conf-file=/dev/null",
        "--domain=openstacklocal");
  }

  @Test
  void initialLeasesCoverIpv4AddressesOnly() {
    assertThat(config.initialLeases(1000)).isEqualTo("""
        87400 fa:16:3e:00:00:01 10.0.0.5 * *
        87400 fa:16:3e:00:00:0a 10.0.0.1 * *
        87400 fa:16:3e:00:00:02 10.0.1.7 * *
        """);
  }

  @Test
  void dhcpPortDeviceIdIsNeutrons() {
    // Python: 'dhcp%s-%s' % (uuid.uuid5(uuid.NAMESPACE_DNS, 'agent-host'), 'net1')
    assertThat(DhcpDeviceManager.deviceId("net1", "agent-host.example.org"))
        .isEqualTo("dhcpda0c6347-1303-5a95-987c-f08af934dcf6-net1");
  }
}
