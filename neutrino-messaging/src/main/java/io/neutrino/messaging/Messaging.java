package io.neutrino.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messaging service of one process, as an oslo.messaging transport: RPC clients and servers
 * and notifiers on named topics, over RabbitMQ or in memory (the two behave alike: same routing,
 * same JSON on the wire).
 *
 * <p>On RabbitMQ the topology and messages are those of oslo.messaging's rabbit driver (Zed,
 * amqpdriver.py / impl_rabbit.py), with its defaults ({@code amqp_durable_queues = False},
 * {@code amqp_auto_delete = False}, {@code rabbit_transient_queues_ttl = 1800}):
 * <ul>
 *   <li>topic exchange {@code control_exchange} (non-durable); a server consumes queues
 *       {@code <topic>} and {@code <topic>.<server>} bound to it with their own names;
 *   <li>fanout exchange {@code <topic>_fanout} (auto-delete) and one queue per server
 *       {@code <topic>_fanout_<uuid hex>} ({@code x-expires} 30 min);
 *   <li>one reply queue per process, {@code reply_<uuid hex>} ({@code x-expires} 30 min),
 *       reached through the default exchange with the queue name as routing key (oslo 14, Zed);
 *   <li>notifications to {@code control_exchange} with routing key {@code <topic>.<priority>},
 *       the queue of that name declared by the sender so nothing is lost before a listener comes.
 * </ul>
 *
 * <p>Every resource made here is closed with {@link #close()}.
 */
public final class Messaging implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Messaging.class);

  /** Neutron's {@code control_exchange} (neutron/common/rpc.py sets it as oslo's default). */
  public static final String DEFAULT_CONTROL_EXCHANGE = "neutron";
  /** oslo's {@code rpc_response_timeout}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  /** oslo's {@code executor_thread_pool_size}: threads running a server's endpoint methods. */
  static final int SERVER_THREADS = 64;
  /** oslo's {@code rabbit_transient_queues_ttl} (1800 s) as {@code x-expires} milliseconds. */
  static final Map<String, Object> TRANSIENT_QUEUE_ARGS = Map.of("x-expires", 1_800_000);

  private final TransportUrl url;
  private final Broker broker;
  private final String controlExchange;
  private final Duration timeout;
  private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
  private final Object replyLock = new Object();
  /** Read without the lock by {@link #returned}, which runs on amqp-client's connection thread. */
  private volatile ReplyWaiter replies;
  private ScheduledExecutorService heartbeats;
  private volatile boolean closed;

  private Messaging(TransportUrl url, Broker broker, String controlExchange, Duration timeout) {
    this.url = url;
    this.broker = broker;
    this.controlExchange = requireName(controlExchange, "control_exchange");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the RPC response timeout must be positive");
    }
    broker.onReturn(this::returned);
  }

  /**
   * A call that reached no queue (no server has declared the topic yet, or the broker lost the
   * queues in a restart and the server has not declared them again) is sent again until its
   * timeout instead of being lost; oslo loses it and the caller times out. A reply whose queue is
   * gone (the caller went away) is dropped, as oslo does after its retries.
   */
  private void returned(String exchange, String routingKey, byte[] body) {
    if (!exchange.equals(controlExchange)) {
      LOG.warn("Message to '{}' with routing key '{}' dropped: no such queue", exchange, routingKey);
      return;
    }
    // Never block here: on RabbitMQ this is the connection's reader thread.
    ReplyWaiter waiter = replies;
    if (waiter != null) {
      try {
        Object msgId = Wire.open(body).get("_msg_id");
        if (msgId != null) {
          waiter.returned(msgId.toString());
        }
      } catch (IllegalArgumentException e) {
        LOG.warn("Unreadable returned message on '{}': {}", routingKey, e.getMessage());
      }
    }
  }

  /**
   * Connects to the transport of {@code url}: RabbitMQ, or a new in-memory bus.
   *
   * @param controlExchange oslo's {@code [DEFAULT] control_exchange} ({@link #DEFAULT_CONTROL_EXCHANGE})
   * @param rpcResponseTimeout oslo's {@code [DEFAULT] rpc_response_timeout}: a call's default timeout
   * @throws MessagingException if the broker cannot be reached
   */
  public static Messaging create(TransportUrl url, String controlExchange, Duration rpcResponseTimeout) {
    Broker broker = url.inMemory() ? new InMemoryBroker() : RabbitBroker.connect(url);
    return new Messaging(url, broker, controlExchange, rpcResponseTimeout);
  }

  /** A new in-memory bus with Neutron's defaults; clients and servers must share this object. */
  public static Messaging inMemory() {
    return create(TransportUrl.memory(), DEFAULT_CONTROL_EXCHANGE, DEFAULT_TIMEOUT);
  }

  /** Another Messaging on the same in-memory bus (for tests that stand for several processes). */
  Messaging peer() {
    if (!(broker instanceof InMemoryBroker)) {
      return create(url, controlExchange, timeout);
    }
    return new Messaging(url, broker, controlExchange, timeout);
  }

  public TransportUrl url() {
    return url;
  }

  public String controlExchange() {
    return controlExchange;
  }

  /** The default timeout of a call. */
  public Duration rpcResponseTimeout() {
    return timeout;
  }

  /** A client sending to {@code target} (server, fanout, namespace and version as given there). */
  public RpcClient rpcClient(Target target) {
    return new RpcClient(this, target, timeout);
  }

  /**
   * A server for {@code target} (which must name the {@code server}, e.g. the host) dispatching to
   * {@code endpoints}; nothing is consumed before {@link RpcServer#start()}.
   */
  public RpcServer rpcServer(Target target, List<Endpoint> endpoints) {
    return new RpcServer(this, target, endpoints, SERVER_THREADS);
  }

  /** A notifier publishing to oslo's default topic {@code notifications}. */
  public Notifier notifier(String publisherId) {
    return notifier(publisherId, List.of("notifications"));
  }

  /** A notifier publishing to each of {@code topics} ({@code [oslo_messaging_notifications] topics}). */
  public Notifier notifier(String publisherId, List<String> topics) {
    return new Notifier(this, publisherId, topics);
  }

  /**
   * Starts consuming the notifications of {@code priorities} on {@code topics}: queue
   * {@code <topic>.<priority>}, or the queue named {@code pool} (null for none) shared by
   * listeners of a pool so that each notification reaches one of them.
   */
  public NotificationListener notificationListener(List<String> topics, Set<Priority> priorities,
      String pool, Consumer<Notification> handler) {
    return new NotificationListener(this, topics, priorities, pool, handler);
  }

  // ---- shared by the clients, servers and notifiers of this transport ----------------------------

  Broker broker() {
    checkOpen();
    return broker;
  }

  Broker.Exchange topicExchange() {
    return new Broker.Exchange(controlExchange, Broker.ExchangeType.TOPIC, false, false);
  }

  static Broker.Exchange fanoutExchange(String topic) {
    return new Broker.Exchange(topic + "_fanout", Broker.ExchangeType.FANOUT, false, true);
  }

  /** The reply queue and its consumer, made on the first call (as oslo's _get_reply_q). */
  ReplyWaiter replies() {
    synchronized (replyLock) {
      checkOpen();
      if (replies == null) {
        replies = new ReplyWaiter(broker);
      }
      return replies;
    }
  }

  /** One thread sending call-monitor heartbeats for every server of this transport. */
  ScheduledExecutorService heartbeats() {
    synchronized (replyLock) {
      checkOpen();
      if (heartbeats == null) {
        heartbeats = Executors.newSingleThreadScheduledExecutor(threads("rpc-heartbeat"));
      }
      return heartbeats;
    }
  }

  void opened(AutoCloseable resource) {
    open.add(resource);
  }

  void closed(AutoCloseable resource) {
    open.remove(resource);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("messaging transport " + url + " is closed");
    }
  }

  static java.util.concurrent.ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static String requireName(String value, String option) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(option + " must not be empty");
    }
    return value.strip();
  }

  /** Stops this transport's servers and listeners, drops its reply queue and disconnects. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    for (AutoCloseable r : new ArrayList<>(open)) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.warn("Closing {} failed", r, e);
      }
    }
    ReplyWaiter waiter;
    ScheduledExecutorService beats;
    synchronized (replyLock) {
      closed = true;
      waiter = replies;
      beats = heartbeats;
    }
    // Outside the lock: cancelling waits for the broker, whose thread may be in returned().
    if (waiter != null) {
      waiter.close();
    }
    if (beats != null) {
      beats.shutdownNow();
    }
    broker.close();
  }
}
