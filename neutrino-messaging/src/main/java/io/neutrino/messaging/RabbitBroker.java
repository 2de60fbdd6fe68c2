package io.neutrino.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Address;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RabbitMQ connection (amqp-client) with automatic recovery: after a broker restart the
 * connection and its channels come back (retried every {@code kombu_reconnect_delay}, 1 s), and
 * every consumer declares its exchange, queue and binding again and resumes. Publishing while the
 * broker is away retries until the caller's deadline.
 *
 * <p>Messages are published as kombu does: {@code content_type application/json},
 * {@code content_encoding utf-8}, persistent delivery mode, priority 0, and the per-message
 * {@code expiration} in milliseconds when the sender gives one (RPC calls). Without the content
 * type, kombu on the Python side would hand oslo raw bytes instead of JSON.
 */
final class RabbitBroker implements Broker {
  private static final Logger LOG = LoggerFactory.getLogger(RabbitBroker.class);
  private static final long RETRY_SLEEP_MS = 250;

  private final Connection connection;
  private final ConcurrentLinkedDeque<Channel> publishChannels = new ConcurrentLinkedDeque<>();
  /** Exchanges (and notification queues) known to exist; forgotten when the connection recovers (the broker may have lost them). */
  private final Set<String> declared = ConcurrentHashMap.newKeySet();
  private final Set<RabbitSubscription> subscriptions = ConcurrentHashMap.newKeySet();
  private volatile Returns returns = (x, k, b) -> { };

  private RabbitBroker(Connection connection) {
    this.connection = connection;
    ((Recoverable) connection).addRecoveryListener(new RecoveryListener() {
      @Override
      public void handleRecoveryStarted(Recoverable recoverable) {
        declared.clear();
        LOG.warn("Connection to RabbitMQ lost; reconnecting");
      }

      @Override
      public void handleRecovery(Recoverable recoverable) {
        declared.clear();
        recover();
        LOG.info("Reconnected to RabbitMQ at {}:{}", connection.getAddress().getHostAddress(), connection.getPort());
      }
    });
  }

  /**
   * Connects to the first reachable host of {@code url} (hosts tried in random order, as oslo
   * shuffles them).
   *
   * @throws IllegalArgumentException if the hosts carry different credentials (one connection
   *     factory has one user)
   * @throws MessagingException if no host can be reached
   */
  static RabbitBroker connect(TransportUrl url) {
    List<TransportUrl.Host> hosts = url.hosts();
    TransportUrl.Host first = hosts.get(0);
    for (TransportUrl.Host h : hosts) {
      if (!Objects.equals(h.username(), first.username()) || !Objects.equals(h.password(), first.password())) {
        throw new IllegalArgumentException("all hosts must use the same user name and password");
      }
    }
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUsername(first.username() == null || first.username().isEmpty() ? "guest" : first.username());
    factory.setPassword(first.password() == null || first.password().isEmpty() ? "guest" : first.password());
    factory.setVirtualHost(url.virtualHost());
    factory.setAutomaticRecoveryEnabled(true);
    factory.setTopologyRecoveryEnabled(false); // see recover()
    factory.setNetworkRecoveryInterval(1000);
    factory.setRequestedHeartbeat(60);
    factory.setConnectionTimeout(10_000);
    List<Address> addresses = new ArrayList<>();
    for (TransportUrl.Host h : hosts) {
      addresses.add(new Address(h.hostname(), h.port()));
    }
    Collections.shuffle(addresses);
    try {
      return new RabbitBroker(factory.newConnection(addresses, "neutrino"));
    } catch (IOException | TimeoutException e) {
      throw new MessagingException("cannot connect to RabbitMQ at " + url + ": " + rootMessage(e), e);
    }
  }

  @Override
  public void onReturn(Returns returns) {
    this.returns = returns;
  }

  @Override
  public void declare(Exchange exchange, Queue queue, String routingKey) {
    // Once per connection, as oslo does; forgotten with the exchanges when the connection recovers.
    String key = "queue:" + exchange.name() + "/" + queue.name() + "/" + routingKey;
    if (declared.contains(key)) {
      return;
    }
    Channel ch = null;
    try {
      ch = borrow();
      declareExchange(ch, exchange);
      ch.queueDeclare(queue.name(), queue.durable(), false, queue.autoDelete(), queue.arguments());
      ch.queueBind(queue.name(), exchange.name(), routingKey);
      publishChannels.push(ch);
      declared.add(key);
    } catch (IOException | ShutdownSignalException e) {
      discard(ch);
      throw new MessagingException("cannot declare queue '" + queue.name() + "': " + rootMessage(e), e);
    }
  }

  @Override
  public Subscription consume(Exchange exchange, Queue queue, String routingKey, Delivery delivery) {
    try {
      RabbitSubscription sub = new RabbitSubscription(connection.createChannel(), exchange, queue, routingKey, delivery);
      sub.declareAndConsume();
      subscriptions.add(sub);
      return sub;
    } catch (IOException | ShutdownSignalException e) {
      throw new MessagingException("cannot consume from queue '" + queue.name() + "': " + rootMessage(e), e);
    }
  }

  /**
   * A consumer on a channel of its own, which amqp-client reopens after a reconnection; the
   * declarations and the consumer are then made again by {@link #recover()}.
   */
  private final class RabbitSubscription implements Subscription {
    final Channel ch;
    final Exchange exchange;
    final Queue queue;
    final String routingKey;
    final DefaultConsumer consumer;
    volatile String tag;

    RabbitSubscription(Channel ch, Exchange exchange, Queue queue, String routingKey, Delivery delivery) {
      this.ch = ch;
      this.exchange = exchange;
      this.queue = queue;
      this.routingKey = routingKey;
      this.consumer = new DefaultConsumer(ch) {
        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
            byte[] body) {
          try {
            delivery.accept(body);
          } catch (RuntimeException e) {
            LOG.error("Consumer of queue {} failed on a delivery", queue.name(), e);
          }
        }
      };
    }

    void declareAndConsume() throws IOException {
      if (exchange != null) {
        declareExchange(ch, exchange);
      }
      ch.queueDeclare(queue.name(), queue.durable(), false, queue.autoDelete(), queue.arguments());
      if (exchange != null) {
        ch.queueBind(queue.name(), exchange.name(), routingKey);
      }
      tag = ch.basicConsume(queue.name(), true, consumer);
    }

    @Override
    public void cancel(boolean deleteQueue) {
      subscriptions.remove(this);
      try {
        ch.basicCancel(tag);
        if (deleteQueue) {
          ch.queueDelete(queue.name());
        }
        ch.close();
      } catch (IOException | TimeoutException | ShutdownSignalException e) {
        LOG.debug("Closing consumer of {}: {}", queue.name(), e.toString());
      }
    }
  }

  /**
   * After a reconnection: the broker may have lost every non-durable queue and exchange (a
   * restart does), so each consumer declares its exchange, queue and binding again and consumes.
   * This is done here rather than by amqp-client's topology recovery, which replays each
   * declaration on the channel that last made it and so fails for publishing channels that were
   * dropped in the meantime.
   */
  private void recover() {
    for (RabbitSubscription s : subscriptions) {
      try {
        s.declareAndConsume();
      } catch (IOException | ShutdownSignalException e) {
        LOG.error("Cannot consume from queue '{}' again after reconnecting: {}", s.queue.name(), rootMessage(e));
      }
    }
  }

  @Override
  public void publish(Exchange exchange, String routingKey, byte[] body, Duration expiration,
      boolean mandatory, Duration retryFor) {
    AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
        .contentType("application/json")
        .contentEncoding("utf-8")
        .deliveryMode(2)
        .priority(0)
        .expiration(expiration == null ? null : Long.toString(Math.max(1, expiration.toMillis())))
        .build();
    String name = exchange == null ? "" : exchange.name();
    long deadline = System.nanoTime() + retryFor.toNanos();
    while (true) {
      Channel ch = null;
      try {
        ch = borrow();
        // An auto-delete exchange (fanout) vanishes with its last queue: declare it every time.
        if (exchange != null && (exchange.autoDelete() || !declared.contains(name))) {
          declareExchange(ch, exchange);
          if (!exchange.autoDelete()) {
            declared.add(name);
          }
        }
        ch.basicPublish(name, routingKey, mandatory, props, body);
        publishChannels.push(ch);
        return;
      } catch (IOException | ShutdownSignalException e) {
        discard(ch);
        if (!retriable(e)) {
          throw new MessagingException("cannot publish to exchange '" + name + "': " + rootMessage(e), e);
        }
        if (System.nanoTime() - deadline > 0) {
          throw new MessageDeliveryFailure("cannot publish to exchange '" + name + "' with routing key '"
              + routingKey + "' within " + retryFor.toSeconds() + "s: " + rootMessage(e), e);
        }
        LOG.debug("Publishing to '{}' failed, retrying: {}", name, e.toString());
        sleep();
      }
    }
  }

  /**
   * Worth retrying: the connection is down or recovering, or the channel was closed under us, or
   * an exchange was lost (404, redeclared on the next try). An inequivalent declaration (406) or
   * an access refusal (403) is not.
   */
  private boolean retriable(Exception e) {
    if (e instanceof AlreadyClosedException || !connection.isOpen()) {
      return true;
    }
    ShutdownSignalException sse = e instanceof ShutdownSignalException s ? s
        : e.getCause() instanceof ShutdownSignalException s ? s : null;
    if (sse == null || sse.isHardError()) {
      return true;
    }
    if (sse.getReason() instanceof AMQP.Channel.Close close && close.getReplyCode() == 404) {
      declared.clear();
      return true;
    }
    return false;
  }

  private Channel borrow() throws IOException {
    for (Channel ch; (ch = publishChannels.poll()) != null; ) {
      if (ch.isOpen()) {
        return ch;
      }
      discard(ch);
    }
    Channel ch = connection.createChannel();
    if (ch == null) {
      throw new IOException("no channel available");
    }
    ch.addReturnListener(r -> returns.returned(r.getExchange(), r.getRoutingKey(), r.getBody()));
    return ch;
  }

  private static void declareExchange(Channel ch, Exchange x) throws IOException {
    BuiltinExchangeType type = switch (x.type()) {
      case DIRECT -> BuiltinExchangeType.DIRECT;
      case TOPIC -> BuiltinExchangeType.TOPIC;
      case FANOUT -> BuiltinExchangeType.FANOUT;
    };
    ch.exchangeDeclare(x.name(), type, x.durable(), x.autoDelete(), null);
  }

  /** Aborting also unregisters the channel, so a broken one is not recovered later for nothing. */
  private static void discard(Channel ch) {
    if (ch != null) {
      try {
        ch.abort();
      } catch (IOException | RuntimeException e) {
        LOG.debug("Aborting a channel: {}", e.toString());
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(RETRY_SLEEP_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MessagingException("interrupted while waiting for RabbitMQ", e);
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  @Override
  public void close() {
    try {
      connection.close(5_000);
    } catch (IOException | ShutdownSignalException e) {
      LOG.debug("Closing the RabbitMQ connection: {}", e.toString());
    }
  }
}
