package io.neutrino.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A RabbitMQ restart ({@code rabbitmqctl stop_app; start_app}: every non-durable queue is lost)
 * costs neither the server its queues and consumers nor the client its ability to call. The
 * broker is the machine's: it is started again whatever happens.
 */
class RabbitRestartTest {
  @Test
  void serverAndClientCarryOnAfterABrokerRestart() throws Exception {
    String exchange = "neutrino_test_" + Wire.hexId().substring(0, 12);
    String topic = "r-" + Wire.hexId().substring(0, 12);
    Map<String, Object> ctx = Map.of("user_id", "u1");
    BlockingQueue<Object> fanned = new LinkedBlockingQueue<>();
    try (Messaging server = RabbitFixture.open(exchange); Messaging client = RabbitFixture.open(exchange)) {
      server.rpcServer(Target.topic(topic).withServer("s1"), List.of(Endpoint.of("1.0", Map.of(
          "ping", (c, a) -> "pong:" + a.get("n"),
          "fan", (c, a) -> fanned.add(a.get("n")))))).start();
      RpcClient rpc = client.rpcClient(Target.topic(topic)).timeout(Duration.ofSeconds(30));
      assertThat(rpc.call(ctx, "ping", Map.of("n", 1))).isEqualTo("pong:1");

      CompletableFuture<Object> duringOutage;
      try {
        Rabbitmqctl.stopApp();
        // Sent while the broker is down: the client keeps trying until its timeout.
        duringOutage = CompletableFuture.supplyAsync(() -> rpc.call(ctx, "ping", Map.of("n", 2)));
        Thread.sleep(1500);
      } finally {
        Rabbitmqctl.startApp();
      }
      assertThat(duringOutage.get(40, TimeUnit.SECONDS)).isEqualTo("pong:2");
      assertThat(rpc.call(ctx, "ping", Map.of("n", 3))).isEqualTo("pong:3");
      assertThat(rpc.server("s1").call(ctx, "ping", Map.of("n", 4))).isEqualTo("pong:4");
      rpc.fanout().cast(ctx, "fan", Map.of("n", 5));
      assertThat(fanned.poll(10, TimeUnit.SECONDS)).isEqualTo(5);
    } finally {
      RabbitFixture.delete(List.of(topic, topic + ".s1"), List.of(exchange, topic + "_fanout"));
    }
  }
}
