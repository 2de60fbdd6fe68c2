package io.neutrino.server.securitygroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neutrino.lib.fault.NeutronException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleChecksTest {
  static Map<String, Object> rule(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    m.put("security_group_id", "sg");
    m.put("direction", "ingress");
    m.put("ethertype", "IPv4");
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static String type(Runnable r) {
    try {
      r.run();
    } catch (NeutronException e) {
      return e.type() + ": " + e.getMessage();
    }
    return null;
  }

  @Test
  void protocols() {
    assertThat(RuleChecks.protocol("TCP")).isEqualTo("tcp");
    assertThat(RuleChecks.protocol(17)).isEqualTo("17");
    assertThat(RuleChecks.protocol("0")).isEqualTo("0");
    assertThat(RuleChecks.protocol(null)).isNull();
    assertThat(type(() -> RuleChecks.protocol(256))).startsWith("SecurityGroupRuleInvalidProtocol: "
        + "Security group rule protocol 256 not supported. Only protocol values [None, 'ah', 'dccp'");
    assertThat(type(() -> RuleChecks.protocol("")) ).startsWith("SecurityGroupRuleInvalidProtocol");
  }

  @Test
  void ipv6IcmpAndWholeRangeAreCanonical() {
    var r = RuleChecks.normalize(rule("ethertype", "IPv6", "protocol", "icmpv6"));
    assertThat(r.get("protocol")).isEqualTo("ipv6-icmp");
    r = RuleChecks.normalize(rule("ethertype", "IPv6", "protocol", "1"));
    assertThat(r.get("protocol")).isEqualTo("58");
    r = RuleChecks.normalize(rule("protocol", "tcp", "port_range_min", 1, "port_range_max", 65535));
    assertThat(r.get("port_range_min")).isNull();
    assertThat(r.get("port_range_max")).isNull();
  }

  @Test
  void prefixes() {
    var r = RuleChecks.normalize(rule("remote_ip_prefix", "10.0.0.5/24"));
    assertThat(r.get("remote_ip_prefix")).isEqualTo("10.0.0.5/24");
    assertThat(r.get("normalized_cidr")).isEqualTo("10.0.0.0/24");
    r = RuleChecks.normalize(rule("remote_ip_prefix", "192.168.1.1"));
    assertThat(r.get("remote_ip_prefix")).isEqualTo("192.168.1.1/32");
    assertThat(type(() -> RuleChecks.normalize(rule("remote_ip_prefix", "::/0"))))
        .isEqualTo("SecurityGroupRuleParameterConflict: Conflicting value ethertype IPv4 for CIDR ::/0");
    assertThat(type(() -> RuleChecks.normalize(rule("remote_ip_prefix", "1.2.3.4/33"))))
        .isEqualTo("InvalidCIDR: Invalid CIDR 1.2.3.4/33 given as IP prefix.");
  }

  @Test
  void portRanges() {
    assertThat(type(() -> RuleChecks.normalize(rule("protocol", "udp", "port_range_min", 5))))
        .isEqualTo("SecurityGroupInvalidPortRange: For TCP/UDP protocols, port_range_min must be <= port_range_max");
    assertThat(type(() -> RuleChecks.normalize(rule("protocol", "icmp", "port_range_min", 3, "port_range_max", 300))))
        .isEqualTo("SecurityGroupInvalidIcmpValue: Invalid value for ICMP code (port_range_max) 300. It must be 0 to 255.");
    assertThat(type(() -> RuleChecks.normalize(rule("protocol", "icmp", "port_range_max", 3))))
        .isEqualTo("SecurityGroupMissingIcmpType: ICMP code (port-range-max) 3 is provided but ICMP type (port-range-min) is missing.");
    assertThat(type(() -> RuleChecks.normalize(rule("protocol", "vrrp", "port_range_min", 3))))
        .isEqualTo("SecurityGroupInvalidProtocolForPort: Ports cannot be specified for protocol 112. "
            + "Ports are only supported for DCCP, SCTP, TCP, UDP, UDPLITE.");
    assertThat(type(() -> RuleChecks.normalize(rule("protocol", "tcp", "port_range_min", "x"))))
        .isEqualTo("SecurityGroupInvalidPortValue: Invalid value for port x");
    assertThat(RuleChecks.normalize(rule("protocol", "icmp", "port_range_min", 0, "port_range_max", 0))
        .get("port_range_min")).isEqualTo(0);
  }

  @Test
  void duplicateKeys() {
    var a = RuleChecks.normalize(rule("protocol", "tcp", "port_range_min", 22, "port_range_max", 22));
    var b = RuleChecks.normalize(rule("protocol", "6", "port_range_min", "22", "port_range_max", 22));
    assertThat(RuleChecks.key(a)).isEqualTo(RuleChecks.key(b));
    var any = RuleChecks.normalize(rule("remote_ip_prefix", "0.0.0.0/0"));
    var none = RuleChecks.normalize(rule());
    assertThat(RuleChecks.key(any)).isEqualTo(RuleChecks.key(none));
    var udp = RuleChecks.normalize(rule("protocol", "udp"));
    assertThat(RuleChecks.key(udp)).isNotEqualTo(RuleChecks.key(none));
    assertThatThrownBy(() -> RuleChecks.normalize(rule("ethertype", "IPv5")))
        .isInstanceOf(NeutronException.class).hasMessageContaining("'IPv5' not supported");
  }
}
