package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.messaging.Messaging;
import io.neutrino.messaging.RpcClient;
import io.neutrino.messaging.Target;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Calls of Neutron's DHCP agent on the server's {@code q-plugin} topic (namespace {@code dhcp}),
 * made as that agent makes them, over the server's in-memory bus.
 */
class DhcpRpcTest {
  @Test
  @SuppressWarnings("unchecked")
  void getDhcpPortAnswersThePortOrNothing() {
    try (TestServer s = TestServer.start()) {
      String net = s.networkWithSubnet("10.9.0.0/24")[0];
      var p = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net, "device_owner", "network:dhcp")));
      assertThat(p.status()).as(p.raw().body()).isEqualTo(201);
      String id = (String) p.member("port").get("id");
      RpcClient dhcp = s.service(Messaging.class)
          .rpcClient(Target.topic("q-plugin").withNamespace("dhcp").withVersion("1.8"));
      Map<String, Object> got = (Map<String, Object>) dhcp.call(Map.of("is_admin", true), "get_dhcp_port",
          Map.of("port_id", id));
      assertThat(got).containsEntry("id", id).containsEntry("network_id", net)
          .containsEntry("fixed_ips", p.member("port").get("fixed_ips"));
      assertThat(dhcp.call(Map.of("is_admin", true), "get_dhcp_port",
          Map.of("port_id", "00000000-0000-0000-0000-000000000000"))).isNull();
    }
  }
}
