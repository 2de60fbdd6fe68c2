package io.neutrino.agent.l3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The iptables-restore input for router dicts: Neutron's chains and rules, in its order. */
class RouterIptablesTest {
  private static final L3AgentConfig CONF = L3AgentConfig.defaults("h");

  private static Map<String, Object> router(boolean snat, boolean gateway) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", "r1");
    r.put("enable_snat", snat);
    r.put("_interfaces", List.of(Map.of("id", "p-int", "network_id", "n1", "mac_address", "m",
        "fixed_ips", List.of(Map.of("subnet_id", "s1", "ip_address", "10.0.0.1",
            "prefixlen", 24)))));
    if (gateway) {
      r.put("gw_port", Map.of("id", "p-gw", "network_id", "ext", "mac_address", "m2",
          "fixed_ips", List.of(Map.of("subnet_id", "se", "ip_address", "172.24.4.10",
              "prefixlen", 24))));
      r.put("_floatingips", List.of(Map.of("id", "f1", "floating_ip_address", "172.24.4.20",
          "fixed_ip_address", "10.0.0.5", "status", "DOWN")));
    }
    return r;
  }

  private static final String HEADER = """
      *nat
      :PREROUTING ACCEPT [0:0]
      :INPUT ACCEPT [0:0]
      :OUTPUT ACCEPT [0:0]
      :POSTROUTING ACCEPT [0:0]
      :neutron-l3-agent-OUTPUT - [0:0]
      :neutron-l3-agent-POSTROUTING - [0:0]
      :neutron-l3-agent-PREROUTING - [0:0]
      :neutron-l3-agent-float-snat - [0:0]
      :neutron-l3-agent-snat - [0:0]
      :neutron-postrouting-bottom - [0:0]
      -A PREROUTING -j neutron-l3-agent-PREROUTING
      -A OUTPUT -j neutron-l3-agent-OUTPUT
      -A POSTROUTING -j neutron-l3-agent-POSTROUTING
      -A POSTROUTING -j neutron-postrouting-bottom
      """;

  private static final String MANGLE_HEAD = """
      *mangle
      :PREROUTING ACCEPT [0:0]
      :INPUT ACCEPT [0:0]
      :FORWARD ACCEPT [0:0]
      :OUTPUT ACCEPT [0:0]
      :POSTROUTING ACCEPT [0:0]
      :neutron-l3-agent-FORWARD - [0:0]
      :neutron-l3-agent-INPUT - [0:0]
      :neutron-l3-agent-OUTPUT - [0:0]
      :neutron-l3-agent-POSTROUTING - [0:0]
      :neutron-l3-agent-PREROUTING - [0:0]
      :neutron-l3-agent-mark - [0:0]
      -A PREROUTING -j neutron-l3-agent-PREROUTING
      -A INPUT -j neutron-l3-agent-INPUT
      -A FORWARD -j neutron-l3-agent-FORWARD
      -A OUTPUT -j neutron-l3-agent-OUTPUT
      -A POSTROUTING -j neutron-l3-agent-POSTROUTING
      -A neutron-l3-agent-PREROUTING -j neutron-l3-agent-mark
      """;

  @Test
  void gatewayWithSnatAndAFloatingIp() {
    Router r = Router.fromMap(router(true, true));
    assertThat(new RouterIptables(CONF).restoreInput(r, "qg-p-gw")).isEqualTo(HEADER + """
        -A neutron-l3-agent-POSTROUTING ! -o qg-p-gw -m conntrack ! --ctstate DNAT -j ACCEPT
        -A neutron-l3-agent-PREROUTING -d 172.24.4.20/32 -j DNAT --to-destination 10.0.0.5
        -A neutron-l3-agent-OUTPUT -d 172.24.4.20/32 -j DNAT --to-destination 10.0.0.5
        -A neutron-l3-agent-float-snat -s 10.0.0.5/32 -j SNAT --to-source 172.24.4.20 --random-fully
        -A neutron-l3-agent-snat -j neutron-l3-agent-float-snat
        -A neutron-l3-agent-snat -o qg-p-gw -j SNAT --to-source 172.24.4.10 --random-fully
        -A neutron-l3-agent-snat -m mark ! --mark 0x2/0xffff -m conntrack --ctstate DNAT -j SNAT --to-source 172.24.4.10 --random-fully
        -A neutron-postrouting-bottom -m comment --comment "Perform source NAT on outgoing traffic." -j neutron-l3-agent-snat
        COMMIT
        """ + MANGLE_HEAD + """
        -A neutron-l3-agent-mark -i qg-p-gw -j MARK --set-xmark 0x2/0xffff
        COMMIT
        """);
  }

  @Test
  void snatDisabledKeepsFloatingIpsButNoGatewaySnat() {
    Router r = Router.fromMap(router(false, true));
    String text = new RouterIptables(CONF).restoreInput(r, "qg-p-gw");
    assertThat(text).doesNotContain("-o qg-p-gw -j SNAT")
        .contains("-A neutron-l3-agent-float-snat -s 10.0.0.5/32 -j SNAT --to-source 172.24.4.20")
        .contains("--ctstate DNAT -j SNAT --to-source 172.24.4.10");
  }

  @Test
  void noGatewayOnlyTheChains() {
    Router r = Router.fromMap(router(true, false));
    assertThat(new RouterIptables(CONF).restoreInput(r, null)).isEqualTo(HEADER + """
        -A neutron-l3-agent-snat -j neutron-l3-agent-float-snat
        -A neutron-postrouting-bottom -m comment --comment "Perform source NAT on outgoing traffic." -j neutron-l3-agent-snat
        COMMIT
        """ + MANGLE_HEAD + """
        COMMIT
        """);
  }
}
