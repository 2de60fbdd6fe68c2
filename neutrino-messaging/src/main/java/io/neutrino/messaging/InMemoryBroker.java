package io.neutrino.messaging;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AMQP 0-9-1 routing in one JVM, for the embedded default transport: direct, topic (with
 * {@code *} and {@code #}) and fanout exchanges, the default exchange, queues that hold messages
 * until a consumer comes (round-robin among a queue's consumers), per-message expiration,
 * auto-delete queues and exchanges, and RabbitMQ's refusal of an inequivalent re-declaration.
 *
 * <p>Bodies are handed over as the same byte array, never copied. A delivery runs on the
 * publisher's thread outside the broker's lock; the layers above only enqueue work there.
 *
 * <p>Not modelled: the {@code x-expires} queue TTL (this broker's queues live as long as the JVM
 * or until deleted; the messaging layer deletes its fanout and reply queues when it closes them)
 * and broker restarts.
 */
final class InMemoryBroker implements Broker {
  private static final Logger LOG = LoggerFactory.getLogger(InMemoryBroker.class);

  private record Binding(String queue, String key) {
  }

  private record Message(byte[] body, long expiresAt) {
    boolean expired(long now) {
      return expiresAt != 0 && now - expiresAt > 0;
    }
  }

  private static final class ExchangeState {
    final Exchange spec;
    final Set<Binding> bindings = new LinkedHashSet<>();

    ExchangeState(Exchange spec) {
      this.spec = spec;
    }
  }

  private static final class QueueState {
    final Queue spec;
    final ArrayDeque<Message> messages = new ArrayDeque<>();
    final List<Consumer> consumers = new ArrayList<>();
    int next;

    QueueState(Queue spec) {
      this.spec = spec;
    }
  }

  private final class Consumer implements Subscription {
    final QueueState queue;
    final Delivery delivery;

    Consumer(QueueState queue, Delivery delivery) {
      this.queue = queue;
      this.delivery = delivery;
    }

    @Override
    public void cancel(boolean deleteQueue) {
      synchronized (InMemoryBroker.this) {
        queue.consumers.remove(this);
        if (deleteQueue || (queue.spec.autoDelete() && queue.consumers.isEmpty())) {
          deleteQueue(queue.spec.name());
        }
      }
    }
  }

  private record Handoff(Delivery delivery, byte[] body) {
  }

  private final Map<String, ExchangeState> exchanges = new HashMap<>();
  private volatile Returns returns = (x, k, b) -> { };
  private final Map<String, QueueState> queues = new HashMap<>();

  @Override
  public void onReturn(Returns returns) {
    this.returns = returns;
  }

  @Override
  public synchronized void declare(Exchange exchange, Queue queue, String routingKey) {
    declareQueue(queue);
    declare(exchange).bindings.add(new Binding(queue.name(), routingKey));
  }

  private QueueState declareQueue(Queue queue) {
    QueueState q = queues.get(queue.name());
    if (q == null) {
      q = new QueueState(queue);
      queues.put(queue.name(), q);
    } else if (!q.spec.equals(queue)) {
      throw inequivalent("queue", queue.name(), q.spec, queue);
    }
    return q;
  }

  @Override
  public Subscription consume(Exchange exchange, Queue queue, String routingKey, Delivery delivery) {
    List<Handoff> pending = new ArrayList<>();
    Consumer consumer;
    synchronized (this) {
      QueueState q = declareQueue(queue);
      if (exchange != null) {
        declare(exchange).bindings.add(new Binding(queue.name(), routingKey));
      }
      consumer = new Consumer(q, delivery);
      q.consumers.add(consumer);
      long now = System.nanoTime();
      for (Message m; (m = q.messages.poll()) != null; ) {
        if (!m.expired(now)) {
          pending.add(new Handoff(delivery, m.body()));
        }
      }
    }
    hand(pending);
    return consumer;
  }

  @Override
  public void publish(Exchange exchange, String routingKey, byte[] body, Duration expiration,
      boolean mandatory, Duration retryFor) {
    List<Handoff> now = new ArrayList<>(1);
    boolean returned;
    synchronized (this) {
      Set<String> targets = route(exchange, routingKey);
      returned = targets.isEmpty() && mandatory;
      long expiresAt = expiration == null ? 0 : System.nanoTime() + Math.max(1, expiration.toNanos());
      for (String name : targets) {
        QueueState q = queues.get(name);
        if (q.consumers.isEmpty()) {
          q.messages.add(new Message(body, expiresAt));
        } else {
          Consumer c = q.consumers.get(q.next++ % q.consumers.size());
          now.add(new Handoff(c.delivery, body));
        }
      }
    }
    if (returned) {
      returns.returned(exchange == null ? "" : exchange.name(), routingKey, body);
    }
    hand(now);
  }

  private Set<String> route(Exchange exchange, String routingKey) {
    if (exchange == null) {
      return queues.containsKey(routingKey) ? Set.of(routingKey) : Set.of();
    }
    ExchangeState x = declare(exchange);
    Set<String> out = new LinkedHashSet<>();
    for (Binding b : x.bindings) {
      boolean match = switch (exchange.type()) {
        case FANOUT -> true;
        case DIRECT -> b.key().equals(routingKey);
        case TOPIC -> topicMatches(b.key().split("\\.", -1), 0, routingKey.split("\\.", -1), 0);
      };
      if (match) {
        out.add(b.queue());
      }
    }
    return out;
  }

  /** AMQP topic matching: {@code *} is one word, {@code #} zero or more. */
  static boolean topicMatches(String[] pattern, int p, String[] words, int w) {
    if (p == pattern.length) {
      return w == words.length;
    }
    if (pattern[p].equals("#")) {
      for (int i = w; i <= words.length; i++) {
        if (topicMatches(pattern, p + 1, words, i)) {
          return true;
        }
      }
      return false;
    }
    return w < words.length && (pattern[p].equals("*") || pattern[p].equals(words[w]))
        && topicMatches(pattern, p + 1, words, w + 1);
  }

  private ExchangeState declare(Exchange exchange) {
    ExchangeState x = exchanges.get(exchange.name());
    if (x == null) {
      x = new ExchangeState(exchange);
      exchanges.put(exchange.name(), x);
    } else if (!x.spec.equals(exchange)) {
      throw inequivalent("exchange", exchange.name(), x.spec, exchange);
    }
    return x;
  }

  private void deleteQueue(String name) {
    queues.remove(name);
    var it = exchanges.values().iterator();
    while (it.hasNext()) {
      ExchangeState x = it.next();
      if (x.bindings.removeIf(b -> b.queue().equals(name)) && x.bindings.isEmpty() && x.spec.autoDelete()) {
        it.remove();
      }
    }
  }

  /** RabbitMQ answers 406 PRECONDITION_FAILED; so do we, as an exception. */
  private static MessagingException inequivalent(String kind, String name, Object current, Object requested) {
    return new MessagingException("PRECONDITION_FAILED - inequivalent " + kind + " '" + name
        + "': declared as " + current + ", requested " + requested);
  }

  private static void hand(List<Handoff> deliveries) {
    for (Handoff h : deliveries) {
      try {
        h.delivery().accept(h.body());
      } catch (RuntimeException e) {
        LOG.error("Consumer failed on a delivery", e);
      }
    }
  }

  @Override
  public void close() {
    // Nothing to release: the broker is plain objects, dropped with the Messaging that owns it.
  }
}
