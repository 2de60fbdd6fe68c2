package io.neutrino.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives notifications from queues {@code <topic>.<priority>} (or a pool's queue), as
 * oslo.messaging's notification listener, and hands each to the handler on a thread of its own
 * (one at a time, in order). A notification is acknowledged when it is delivered.
 */
public final class NotificationListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationListener.class);

  private final Messaging messaging;
  private final Consumer<Notification> handler;
  private final ExecutorService executor;
  private final List<Broker.Subscription> subscriptions = new ArrayList<>();
  private boolean closed;

  NotificationListener(Messaging messaging, List<String> topics, Set<Priority> priorities, String pool,
      Consumer<Notification> handler) {
    this.messaging = messaging;
    this.handler = handler;
    this.executor = Executors.newSingleThreadExecutor(Messaging.threads("notifications"));
    Broker broker = messaging.broker();
    try {
      for (String topic : topics) {
        for (Priority p : priorities) {
          String key = topic + "." + p.topicSuffix();
          subscriptions.add(broker.consume(messaging.topicExchange(),
              new Broker.Queue(pool == null ? key : pool, false, false, Map.of()), key, this::onMessage));
        }
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    messaging.opened(this);
  }

  private void onMessage(byte[] body) {
    Notification n;
    try {
      Map<String, Object> msg = Wire.open(body);
      Map<String, Object> context = Wire.unpackContext(msg);
      n = new Notification(context, str(msg.get("message_id")), str(msg.get("publisher_id")),
          str(msg.get("event_type")), Priority.parse(str(msg.get("priority"))), msg.get("payload"),
          str(msg.get("timestamp")));
    } catch (RuntimeException e) {
      LOG.error("Dropping an unreadable notification: {}", e.getMessage());
      return;
    }
    try {
      executor.execute(() -> {
        try {
          handler.accept(n);
        } catch (RuntimeException e) {
          LOG.error("Notification handler failed on {} {}", n.eventType(), n.messageId(), e);
        }
      });
    } catch (RejectedExecutionException closing) {
      LOG.debug("Notification listener closed; {} not handled", n.messageId());
    }
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }

  /** Stops consuming (the queues stay, as oslo leaves them) and lets the handler finish. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    subscriptions.forEach(s -> s.cancel(false));
    executor.shutdown();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    messaging.closed(this);
  }
}
