package io.neutrino.server.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neutrino.lib.fault.NeutronException;
import io.neutrino.server.ipam.SubnetMath.RawPool;
import java.math.BigInteger;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SubnetMathTest {

  private static List<IpRange> pools(String... startEnd) {
    List<IpRange> out = new java.util.ArrayList<>();
    for (int i = 0; i < startEnd.length; i += 2) {
      out.add(new IpRange(startEnd[i], startEnd[i + 1]));
    }
    return out;
  }

  private static NeutronException fault(ThrowingCallable c) {
    try {
      c.call();
    } catch (NeutronException e) {
      return e;
    } catch (Throwable t) {
      throw new AssertionError("unexpected " + t, t);
    }
    throw new AssertionError("no NeutronException raised");
  }

  // ------------------------------------------------------------------ Cidr / IpRange

  @Test
  void cidrParsesAndCanonicalises() {
    assertThat(Cidr.parse("10.0.0.5/24").toString()).isEqualTo("10.0.0.0/24");
    assertThat(Cidr.parse("2001:DB8:0:0::/64").toString()).isEqualTo("2001:db8::/64");
    assertThat(Cidr.parse("10.1.2.3").toString()).isEqualTo("10.1.2.3/32");
    assertThat(Cidr.parseOrNull("10.0.0.0/33")).isNull();
    assertThat(Cidr.parseOrNull("not-a-cidr")).isNull();
    assertThat(Cidr.parseOrNull("fe80::1%eth0/64")).isNull();
    Cidr c = Cidr.parse("10.0.0.0/8");
    assertThat(c.version()).isEqualTo(4);
    assertThat(c.prefixLength()).isEqualTo(8);
    assertThat(c.broadcast()).isEqualTo("10.255.255.255");
    assertThat(c.size()).isEqualTo(BigInteger.valueOf(1L << 24));
    Cidr v6 = Cidr.parse("2001:db8::/64");
    assertThat(v6.version()).isEqualTo(6);
    assertThat(v6.size()).isEqualTo(BigInteger.ONE.shiftLeft(64));
    assertThat(v6.broadcast()).isEqualTo("2001:db8::ffff:ffff:ffff:ffff");
  }

  @Test
  void cidrContainsAndOverlaps() {
    Cidr c = Cidr.parse("10.0.0.0/24");
    assertThat(c.contains("10.0.0.255")).isTrue();
    assertThat(c.contains("10.0.1.0")).isFalse();
    assertThat(c.contains("::a00:1")).isFalse();
    assertThat(c.contains("garbage")).isFalse();
    assertThat(c.overlaps(Cidr.parse("10.0.0.128/25"))).isTrue();
    assertThat(c.overlaps(Cidr.parse("10.0.0.0/16"))).isTrue();
    assertThat(c.overlaps(Cidr.parse("10.0.1.0/24"))).isFalse();
    assertThat(c.overlaps(Cidr.parse("::/0"))).isFalse();
    assertThat(c.contains(Cidr.parse("10.0.0.64/26"))).isTrue();
    assertThat(c.contains(Cidr.parse("10.0.0.0/23"))).isFalse();
  }

  @Test
  void ipRangeCanonicalAndRejectsBadRanges() {
    IpRange r = new IpRange("2001:DB8:0::1", "2001:db8::00ff");
    assertThat(r.toString()).isEqualTo("2001:db8::1-2001:db8::ff");
    assertThat(r.size()).isEqualTo(BigInteger.valueOf(255));
    assertThat(IpRange.ofOrNull("10.0.0.9", "10.0.0.2")).isNull();
    assertThat(IpRange.ofOrNull("10.0.0.1", "::2")).isNull();
    assertThat(IpRange.ofOrNull("10.0.0.1", "10.0.0.256")).isNull();
    assertThat(IpRange.ofOrNull("10.1", "10.0.0.2")).isNull();
  }

  @Test
  void ipAddressesCanonicalForms() {
    assertThat(IpAddresses.canonical("2001:0DB8:0000:0000:0000:0000:0000:0001"))
        .isEqualTo("2001:db8::1");
    assertThat(IpAddresses.canonical("10.000.0.01")).isEqualTo("10.0.0.1");
    assertThat(IpAddresses.isValid("10.0.0.1/24")).isFalse();
    assertThat(IpAddresses.isValid("10.0.0.*")).isFalse();
    assertThat(IpAddresses.isValid("")).isFalse();
  }

  // ------------------------------------------------------------------ gateway

  @Test
  void defaultGatewayIsFirstHostForV4AndNetworkAddressForV6() {
    assertThat(SubnetMath.defaultGateway(Cidr.parse("10.0.0.0/24"))).isEqualTo("10.0.0.1");
    // _gateway_ip_str: IPv6 -> IPNetwork(cidr).network
    assertThat(SubnetMath.defaultGateway(Cidr.parse("2001:db8::/64"))).isEqualTo("2001:db8::");
    // subnet-pool allocations and PD use network + 1 for both versions
    assertThat(SubnetMath.firstHost(Cidr.parse("2001:db8::/64"))).isEqualTo("2001:db8::1");
    assertThat(SubnetMath.firstHost(Cidr.parse("10.0.0.5/32"))).isEqualTo("10.0.0.6");
    assertThat(SubnetMath.firstHost(Cidr.parse("255.255.255.255/32"))).isNull();
  }

  @Test
  void gatewayInvalidInSubnetAsNeutronTestUtils() {
    Object[][] data = {
        {"10.0.0.1", "10.0.0.0/8", false},
        {"10.255.255.255", "10.0.0.0/8", true},
        {"10.0.0.0", "10.0.0.0/8", true},
        {"192.168.100.10", "10.0.0.0/8", false},
        {"2001:db8::1", "2001:db8::/64", false},
        {"2001:db8::", "2001:db8::/64", false},
        {"10.14.0.20", "10.14.0.20/31", true},
        {"10.14.0.21", "10.14.0.20/31", true},
        {"10.14.0.19", "10.14.0.20/31", false},
        {"10.14.0.20", "10.14.0.20/32", true},
    };
    for (Object[] d : data) {
      assertThat(SubnetMath.isGatewayInvalidInSubnet(Cidr.parse((String) d[1]), (String) d[0]))
          .as("%s in %s", d[0], d[1]).isEqualTo(d[2]);
    }
  }

  @Test
  void validateGatewayFaults() {
    Cidr c = Cidr.parse("10.0.0.0/24");
    SubnetMath.validateGateway(4, c, "10.0.0.1");
    SubnetMath.validateGateway(4, c, "192.168.0.1"); // outside the subnet is allowed
    SubnetMath.validateGateway(4, c, null);
    NeutronException e = fault(() -> SubnetMath.validateGateway(4, c, "10.0.0.255"));
    assertThat(e.type()).isEqualTo("InvalidInput");
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("Invalid input for operation: Gateway is not valid on subnet.");
    e = fault(() -> SubnetMath.validateGateway(4, c, "2001:db8::1"));
    assertThat(e.getMessage()).isEqualTo(
        "Invalid input for operation: gateway_ip '2001:db8::1' does not match the ip_version '4'.");
    e = fault(() -> SubnetMath.validateGateway(4, c, "10.0.0.300"));
    assertThat(e.status()).isEqualTo(400);
    e = fault(() -> SubnetMath.validateGatewayForAllocatedSubnet(c, "10.0.0.0"));
    assertThat(e.type()).isEqualTo("IpamValueInvalid");
    assertThat(e.status()).isEqualTo(409);
  }

  @Test
  void checkSubnetIpAsNeutronTestUtils() {
    Cidr v4 = Cidr.parse("1.1.1.0/24");
    assertThat(SubnetMath.checkSubnetIp(v4, "1.1.1.0", "")).isFalse();
    assertThat(SubnetMath.checkSubnetIp(v4, "1.1.1.255", "")).isFalse();
    assertThat(SubnetMath.checkSubnetIp(v4, "1.1.1.1", "")).isTrue();
    assertThat(SubnetMath.checkSubnetIp(v4, "1.1.1.254", "")).isTrue();
    Cidr v6 = Cidr.parse("F111::0/64");
    for (String owner : List.of("", "network:router_interface", "network:router_gateway")) {
      assertThat(SubnetMath.checkSubnetIp(v6, "F111::0", owner)).isTrue();
      assertThat(SubnetMath.checkSubnetIp(v6, "F111::FFFF:FFFF:FFFF:FFFF", owner)).isTrue();
      assertThat(SubnetMath.checkSubnetIp(v6, "F112::50", owner)).isFalse();
    }
    assertThat(SubnetMath.checkSubnetIp(v6, "F111::0", "compute:nova")).isFalse();
    assertThat(SubnetMath.checkSubnetIp(v6, "F111::50", "compute:nova")).isTrue();
  }

  // ------------------------------------------------------------------ generate_pools

  @Test
  void generatePoolsAsNeutronTestUtils() {
    assertThat(SubnetMath.generatePools(Cidr.parse("192.168.0.0/24"), null))
        .containsExactly(new IpRange("192.168.0.1", "192.168.0.254"));
    assertThat(SubnetMath.generatePools(Cidr.parse("192.168.0.0/24"), "192.168.0.1"))
        .containsExactly(new IpRange("192.168.0.2", "192.168.0.254"));
    assertThat(SubnetMath.generatePools(Cidr.parse("192.168.0.0/24"), "192.168.0.254"))
        .containsExactly(new IpRange("192.168.0.1", "192.168.0.253"));
    assertThat(SubnetMath.generatePools(Cidr.parse("192.168.0.0/32"), null))
        .containsExactly(new IpRange("192.168.0.0", "192.168.0.0"));
    assertThat(SubnetMath.generatePools(Cidr.parse("192.168.0.0/31"), null))
        .containsExactly(new IpRange("192.168.0.0", "192.168.0.1"));
    assertThat(SubnetMath.generatePools(Cidr.parse("192.168.0.0/24"), "192.168.0.128"))
        .containsExactly(new IpRange("192.168.0.1", "192.168.0.127"),
            new IpRange("192.168.0.129", "192.168.0.254"));
    assertThat(SubnetMath.generatePools(Cidr.parse("F111::0/64"), null))
        .containsExactly(new IpRange("f111::1", "f111::ffff:ffff:ffff:ffff"));
    assertThat(SubnetMath.generatePools(Cidr.parse("::/64"), null))
        .containsExactly(new IpRange("::1", "::ffff:ffff:ffff:ffff"));
  }

  @Test
  void generatePoolsNeutronApiExamples() {
    // test_create_subnet_gw_values / test_create_subnet_ipv6_gw_values
    assertThat(SubnetMath.generatePools(Cidr.parse("10.0.0.0/24"), "10.0.0.1"))
        .containsExactly(new IpRange("10.0.0.2", "10.0.0.254"));
    assertThat(SubnetMath.generatePools(Cidr.parse("2001::/64"), "2001::ffff:ffff:ffff:ffff"))
        .containsExactly(new IpRange("2001::1", "2001::ffff:ffff:ffff:fffe"));
    assertThat(SubnetMath.generatePools(Cidr.parse("2001::/64"), "2001::1"))
        .containsExactly(new IpRange("2001::2", "2001::ffff:ffff:ffff:ffff"));
    // default IPv6 gateway (the network address) is outside the usable range: pool from ::1
    Cidr v6 = Cidr.parse("2001:db8::/64");
    assertThat(SubnetMath.generatePools(v6, SubnetMath.defaultGateway(v6)))
        .containsExactly(new IpRange("2001:db8::1", "2001:db8::ffff:ffff:ffff:ffff"));
    // gateway outside the subnet leaves the pool whole; /31 and /32 quirks
    assertThat(SubnetMath.generatePools(Cidr.parse("10.0.0.0/24"), "192.168.0.1"))
        .containsExactly(new IpRange("10.0.0.1", "10.0.0.254"));
    assertThat(SubnetMath.generatePools(Cidr.parse("10.14.0.20/31"), "10.14.0.20"))
        .containsExactly(new IpRange("10.14.0.21", "10.14.0.21"));
    assertThat(SubnetMath.generatePools(Cidr.parse("10.14.0.20/32"), "10.14.0.20"))
        .containsExactly(new IpRange("10.14.0.20", "10.14.0.20"));
    assertThat(SubnetMath.generatePools(Cidr.parse("2001:db8::/127"), "2001:db8::1")).isEmpty();
  }

  @Test
  void hugeSubnetsDefaultPoolsAreRanges() {
    Cidr eight = Cidr.parse("10.0.0.0/8");
    List<IpRange> p = SubnetMath.generatePools(eight, SubnetMath.defaultGateway(eight));
    assertThat(p).containsExactly(new IpRange("10.0.0.2", "10.255.255.254"));
    assertThat(p.get(0).size()).isEqualTo(BigInteger.valueOf((1L << 24) - 3));
    Cidr v6 = Cidr.parse("2001:db8:1234:5678::/64");
    List<IpRange> q = SubnetMath.generatePools(v6, "2001:db8:1234:5678:8000::");
    assertThat(q).containsExactly(
        new IpRange("2001:db8:1234:5678::1", "2001:db8:1234:5678:7fff:ffff:ffff:ffff"),
        new IpRange("2001:db8:1234:5678:8000::1", "2001:db8:1234:5678:ffff:ffff:ffff:ffff"));
    Cidr v6big = Cidr.parse("2001:db8::/32");
    assertThat(SubnetMath.generatePools(v6big, null).get(0).size())
        .isEqualTo(BigInteger.ONE.shiftLeft(96).subtract(BigInteger.ONE));
  }

  // ------------------------------------------------------------------ user pools

  @Test
  void validPoolsPass() {
    Cidr c = Cidr.parse("10.0.0.0/24");
    List<IpRange> p = SubnetMath.prepareAllocationPools(c, "10.0.0.1",
        List.of(new RawPool("10.0.0.2", "10.0.0.100"), new RawPool("10.0.0.150", "10.0.0.254")));
    assertThat(p).containsExactly(new IpRange("10.0.0.2", "10.0.0.100"),
        new IpRange("10.0.0.150", "10.0.0.254"));
    // /31 and /32 pools may use every address; IPv6 may use the last one
    SubnetMath.validateAllocationPools(pools("10.0.0.0", "10.0.0.1"), Cidr.parse("10.0.0.0/31"));
    SubnetMath.validateAllocationPools(pools("fe80::2", "fe80::ffff:fffa:ffff"),
        Cidr.parse("fe80::/80"));
    SubnetMath.validateAllocationPools(pools("2001::1", "2001::ffff:ffff:ffff:ffff"),
        Cidr.parse("2001::/64"));
    // no user pools -> generated
    assertThat(SubnetMath.prepareAllocationPools(c, "10.0.0.1", null))
        .containsExactly(new IpRange("10.0.0.2", "10.0.0.254"));
  }

  @Test
  void invalidPoolDefinitions() {
    NeutronException e = fault(() -> SubnetMath.parsePools(
        List.of(new RawPool("10.0.0.10", "10.0.0.2"))));
    assertThat(e.type()).isEqualTo("InvalidAllocationPool");
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo(
        "The allocation pool {'start': '10.0.0.10', 'end': '10.0.0.2'} is not valid.");
    assertThat(fault(() -> SubnetMath.parsePools(List.of(new RawPool("10.0.0.x", "10.0.0.2"))))
        .type()).isEqualTo("InvalidAllocationPool");
    assertThat(fault(() -> SubnetMath.parsePools(List.of(new RawPool("10.0.0.1", "::2"))))
        .type()).isEqualTo("InvalidAllocationPool");
    e = fault(() -> SubnetMath.validateAllocationPools(pools("::1", "::5"),
        Cidr.parse("10.0.0.0/24")));
    assertThat(e.type()).isEqualTo("InvalidAllocationPool");
    assertThat(e.getMessage()).isEqualTo("The allocation pool ::1-::5 is not valid.");
  }

  @Test
  void outOfBoundsPools() {
    Cidr c = Cidr.parse("10.0.0.0/24");
    for (List<IpRange> p : List.of(pools("10.0.0.0", "10.0.0.5"), pools("10.0.0.5", "10.0.0.255"),
        pools("10.0.1.1", "10.0.1.5"), pools("9.255.255.255", "10.0.0.5"))) {
      NeutronException e = fault(() -> SubnetMath.validateAllocationPools(p, c));
      assertThat(e.type()).isEqualTo("OutOfBoundsAllocationPool");
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.getMessage()).isEqualTo("The allocation pool " + p.get(0)
          + " spans beyond the subnet cidr 10.0.0.0/24.");
    }
    // IPv6 network address is out of bounds for pools
    assertThat(fault(() -> SubnetMath.validateAllocationPools(pools("2001::", "2001::5"),
        Cidr.parse("2001::/64"))).type()).isEqualTo("OutOfBoundsAllocationPool");
  }

  @Test
  void overlappingPools() {
    Cidr c = Cidr.parse("10.0.0.0/24");
    NeutronException e = fault(() -> SubnetMath.validateAllocationPools(
        pools("10.0.0.2", "10.0.0.10", "10.0.0.20", "10.0.0.30", "10.0.0.10", "10.0.0.15"), c));
    assertThat(e.type()).isEqualTo("OverlappingAllocationPools");
    assertThat(e.status()).isEqualTo(409);
    assertThat(e.getMessage()).isEqualTo("Found overlapping allocation pools: "
        + "10.0.0.2-10.0.0.10 10.0.0.10-10.0.0.15 for subnet 10.0.0.0/24.");
  }

  @Test
  void gatewayInsidePoolConflicts() {
    Cidr c = Cidr.parse("10.0.0.0/24");
    NeutronException e = fault(() -> SubnetMath.prepareAllocationPools(c, "10.0.0.5",
        List.of(new RawPool("10.0.0.2", "10.0.0.3"), new RawPool("10.0.0.4", "10.0.0.254"))));
    assertThat(e.type()).isEqualTo("GatewayConflictWithAllocationPools");
    assertThat(e.status()).isEqualTo(409);
    assertThat(e.getMessage()).isEqualTo(
        "Gateway ip 10.0.0.5 conflicts with allocation pool 10.0.0.4-10.0.0.254.");
    SubnetMath.validateGatewayOutOfPools(null, pools("10.0.0.2", "10.0.0.9"));
  }

  // ------------------------------------------------------------------ other subnet attributes

  @Test
  void dnsNameservers() {
    SubnetMath.validateDnsNameservers(4, List.of("8.8.8.8", "1.1.1.1"), 5, null);
    NeutronException e = fault(() -> SubnetMath.validateDnsNameservers(4,
        List.of("2001:4860:4860::8888"), 5, null));
    assertThat(e.type()).isEqualTo("InvalidInput");
    assertThat(e.getMessage()).isEqualTo("Invalid input for operation: dns_nameserver "
        + "'2001:4860:4860::8888' does not match the ip_version '4'.");
    e = fault(() -> SubnetMath.validateDnsNameservers(4, List.of("8.8.8"), 5, null));
    assertThat(e.getMessage()).isEqualTo("Invalid input for operation: Error parsing dns address 8.8.8.");
    e = fault(() -> SubnetMath.validateDnsNameservers(4,
        List.of("1.1.1.1", "1.1.1.2", "1.1.1.3"), 2, null));
    assertThat(e.type()).isEqualTo("DNSNameServersExhausted");
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("Unable to complete operation for new subnet. "
        + "The number of DNS nameservers exceeds the limit 2.");
  }

  @Test
  void hostRoutes() {
    SubnetMath.validateHostRoutes(4, List.of(new HostRoute("0.0.0.0/0", "10.0.0.254")), 20, null);
    NeutronException e = fault(() -> SubnetMath.validateHostRoutes(4,
        List.of(new HostRoute("2001:db8::/64", "10.0.0.1")), 20, "sid"));
    assertThat(e.getMessage()).isEqualTo("Invalid input for operation: destination "
        + "'2001:db8::/64' does not match the ip_version '4'.");
    e = fault(() -> SubnetMath.validateHostRoutes(4,
        List.of(new HostRoute("10.0.0.0/8", "2001:db8::1")), 20, "sid"));
    assertThat(e.getMessage()).contains("nexthop '2001:db8::1' does not match the ip_version '4'");
    e = fault(() -> SubnetMath.validateHostRoutes(4,
        List.of(new HostRoute("10.0.0.0/33", "10.0.0.1")), 20, "sid"));
    assertThat(e.getMessage()).isEqualTo("Invalid input for operation: Invalid route: "
        + "{'destination': '10.0.0.0/33', 'nexthop': '10.0.0.1'}.");
    e = fault(() -> SubnetMath.validateHostRoutes(4,
        List.of(new HostRoute("10.0.0.0/8", "10.0.0.1"), new HostRoute("10.0.0.0/9", "10.0.0.1")),
        1, "sid"));
    assertThat(e.type()).isEqualTo("HostRoutesExhausted");
    assertThat(e.getMessage()).isEqualTo(
        "Unable to complete operation for sid. The number of host routes exceeds the limit 1.");
  }

  @Test
  void subnetCidrOnNetwork() {
    SubnetMath.validateSubnetCidr("10.0.1.0/24", "net", List.of(Cidr.parse("10.0.0.0/24")));
    NeutronException e = fault(() -> SubnetMath.validateSubnetCidr("10.0.0.128/25", "net",
        List.of(Cidr.parse("10.0.0.0/24"))));
    assertThat(e.getMessage()).isEqualTo("Invalid input for operation: Requested subnet with "
        + "cidr: 10.0.0.128/25 for network: net overlaps with another subnet.");
    assertThat(fault(() -> SubnetMath.validateSubnetCidr("0.0.0.0/0", "net", List.of()))
        .getMessage()).contains("0 is not allowed as CIDR prefix length");
    // provisional PD prefix does not count
    SubnetMath.validateSubnetCidr("::/64", "net", List.of(Cidr.parse("::/64")));
  }

  @Test
  void dhcpCompatibility() {
    SubnetMath.validateDhcpCompatible(Cidr.parse("10.0.0.0/30"));
    assertThat(fault(() -> SubnetMath.validateDhcpCompatible(Cidr.parse("10.0.0.0/31")))
        .getMessage()).contains("incompatible with DHCP");
    assertThat(fault(() -> SubnetMath.validateDhcpCompatible(Cidr.parse("224.0.0.0/24")))
        .getMessage()).contains("Multicast");
    assertThat(fault(() -> SubnetMath.validateDhcpCompatible(Cidr.parse("127.0.0.0/8")))
        .getMessage()).contains("Loopback");
    assertThat(fault(() -> SubnetMath.validateDhcpCompatible(Cidr.parse("0.0.0.0/24")))
        .getMessage()).contains("First IP '0.0.0.0'");
  }
}
