package io.neutrino.messaging;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.time.Duration;
import java.util.Collection;

/** The machine's RabbitMQ (127.0.0.1:5672 guest/guest unless NEUTRINO_RABBIT_URL says otherwise). */
final class RabbitFixture {
  static final String URL = System.getenv().getOrDefault("NEUTRINO_RABBIT_URL", "rabbit://guest:guest@127.0.0.1:5672/");

  private RabbitFixture() {
  }

  /** A transport on its own control exchange, so that parallel builds on the machine never meet. */
  static Messaging open(String controlExchange) {
    return Messaging.create(TransportUrl.parse(URL), controlExchange, Duration.ofSeconds(20));
  }

  /** A plain amqp-client connection for inspecting the broker. */
  static Connection raw() throws Exception {
    TransportUrl url = TransportUrl.parse(URL);
    TransportUrl.Host h = url.hosts().get(0);
    ConnectionFactory f = new ConnectionFactory();
    f.setHost(h.hostname());
    f.setPort(h.port());
    f.setUsername(h.username() == null ? "guest" : h.username());
    f.setPassword(h.password() == null ? "guest" : h.password());
    f.setVirtualHost(url.virtualHost());
    f.setAutomaticRecoveryEnabled(false);
    return f.newConnection("neutrino-test");
  }

  /** Deletes the queues and exchanges (deleting what does not exist is fine on RabbitMQ). */
  static void delete(Collection<String> queues, Collection<String> exchanges) {
    try (Connection c = raw()) {
      Channel ch = c.createChannel();
      for (String q : queues) {
        ch.queueDelete(q);
      }
      for (String x : exchanges) {
        ch.exchangeDelete(x);
      }
    } catch (Exception e) {
      throw new IllegalStateException("cleaning up RabbitMQ: " + e, e);
    }
  }
}
