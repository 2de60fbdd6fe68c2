package io.neutrino.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neutrino.messaging.Endpoint;
import io.neutrino.messaging.Messaging;
import io.neutrino.messaging.Target;
import io.neutrino.config.Config;
import io.neutrino.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's RPC transport from [DEFAULT] transport_url, control_exchange, rpc_response_timeout. */
class MessagingConfigTest {
  private static Config defaults(Map<String, List<String>> options) {
    return Config.of(Map.of("DEFAULT", options));
  }

  @Test
  void unsetIsInMemoryWithNeutronDefaults() {
    try (Messaging m = NeutrinoServer.openMessaging(Config.empty())) {
      assertThat(m.url().inMemory()).isTrue();
      assertThat(m.controlExchange()).isEqualTo("neutron");
      assertThat(m.rpcResponseTimeout()).isEqualTo(Duration.ofSeconds(60));
      m.rpcServer(Target.topic("q-plugin").withServer("h1"), List.of(Endpoint.of("1.0",
          Map.of("report_state", (ctx, args) -> "alive")))).start();
      assertThat(m.rpcClient(Target.topic("q-plugin")).call(Map.of(), "report_state", Map.of())).isEqualTo("alive");
    }
  }

  @Test
  void optionsAreRead() {
    try (Messaging m = NeutrinoServer.openMessaging(defaults(Map.of("transport_url", List.of("fake://"),
        "control_exchange", List.of("neutrino"), "rpc_response_timeout", List.of("5"))))) {
      assertThat(m.controlExchange()).isEqualTo("neutrino");
      assertThat(m.rpcResponseTimeout()).isEqualTo(Duration.ofSeconds(5));
    }
  }

  @Test
  void badValuesNameTheOption() {
    assertThatThrownBy(() -> NeutrinoServer.openMessaging(defaults(Map.of("transport_url", List.of("rabbit://u:p@h:x/")))))
        .isInstanceOf(ConfigException.class).hasMessage("[DEFAULT] transport_url: invalid transport URL: invalid port 'x'");
    assertThatThrownBy(() -> NeutrinoServer.openMessaging(defaults(Map.of("rpc_response_timeout", List.of("0")))))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("[DEFAULT] rpc_response_timeout:");
  }
}
