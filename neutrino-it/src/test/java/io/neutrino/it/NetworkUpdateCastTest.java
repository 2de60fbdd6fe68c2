package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.messaging.Endpoint;
import io.neutrino.messaging.Messaging;
import io.neutrino.messaging.RpcServer;
import io.neutrino.messaging.Target;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@code network_update} as L2 agents hear it (the {@code q-agent-notifier-network-update} fanout,
 * consumed on the server's in-memory bus): sent when a network's MTU or QoS policy is set, as ML2's
 * update_network sends it, so agents re-apply them to the network's devices; not for a rename.
 */
class NetworkUpdateCastTest {
  @Test
  @SuppressWarnings("unchecked")
  void anMtuChangeIsCastAndARenameIsNot() throws Exception {
    try (TestServer s = TestServer.start()) {
      List<String> updated = new CopyOnWriteArrayList<>();
      Endpoint endpoint = Endpoint.of("1.5", Map.of("network_update", (ctx, args) -> {
        updated.add((String) ((Map<String, Object>) args.get("network")).get("id"));
        return null;
      }));
      try (RpcServer agent = s.service(Messaging.class).rpcServer(
          Target.topic("q-agent-notifier-network-update").withServer("h1"), List.of(endpoint)).start()) {
        String net = s.networkWithSubnet("10.9.0.0/24")[0];
        assertThat(s.put("/v2.0/networks/" + net, Map.of("network", Map.of("name", "renamed"))).status())
            .isEqualTo(200);
        var r = s.put("/v2.0/networks/" + net, Map.of("network", Map.of("mtu", 1400)));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (updated.isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        Thread.sleep(500); // time for a cast of the rename to arrive too, had there been one
        assertThat(updated).containsExactly(net);
      }
    }
  }
}
