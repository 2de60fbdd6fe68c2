package io.neutrino.messaging;

import java.time.Duration;
import java.util.Map;

/**
 * The AMQP 0-9-1 model the drivers speak to: exchanges, queues, bindings, publish and consume.
 * {@link RabbitBroker} is a RabbitMQ connection; {@link InMemoryBroker} models the same routing
 * in one JVM. Everything above this interface (envelopes, RPC, replies, notifications) is shared,
 * so both transports have the same semantics by construction.
 */
interface Broker extends AutoCloseable {

  enum ExchangeType { DIRECT, TOPIC, FANOUT }

  record Exchange(String name, ExchangeType type, boolean durable, boolean autoDelete) {
  }

  record Queue(String name, boolean durable, boolean autoDelete, Map<String, Object> arguments) {
    public Queue {
      arguments = Map.copyOf(arguments);
    }
  }

  /** Receives message bodies. Called on a broker thread: must hand work off, never block. */
  @FunctionalInterface
  interface Delivery {
    void accept(byte[] body);
  }

  /** Told of a mandatory message that reached no queue (RabbitMQ's basic.return). */
  @FunctionalInterface
  interface Returns {
    void returned(String exchange, String routingKey, byte[] body);
  }

  /** Where returned messages go; set once, before anything is published. */
  void onReturn(Returns returns);

  /** A running consumer; cancelling it optionally deletes its queue. */
  interface Subscription {
    void cancel(boolean deleteQueue);
  }

  /**
   * Declares {@code exchange}, {@code queue} and the binding between them with {@code routingKey}
   * (a notifier does this so that notifications wait for their first listener, as oslo does).
   */
  void declare(Exchange exchange, Queue queue, String routingKey);

  /**
   * Declares {@code exchange} (null: the default exchange, nothing declared) and {@code queue},
   * binds them with {@code routingKey}, and starts delivering the queue's messages (acknowledged
   * on delivery, as oslo's RPC listener does) to {@code delivery}. After a broker restart the
   * whole declaration and the consumer come back by themselves.
   */
  Subscription consume(Exchange exchange, Queue queue, String routingKey, Delivery delivery);

  /**
   * Publishes {@code body} (JSON) to {@code exchange} (declared first; null: the default exchange)
   * with {@code routingKey}. {@code expiration} (null: none) is the per-message TTL.
   * {@code mandatory}: an unroutable message goes to the {@link #onReturn} handler rather than
   * being silently dropped. While the
   * broker is unreachable, retries until {@code retryFor} has passed, then throws
   * {@link MessageDeliveryFailure}.
   */
  void publish(Exchange exchange, String routingKey, byte[] body, Duration expiration,
      boolean mandatory, Duration retryFor);

  @Override
  void close();
}
