package io.neutrino.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's reply queue {@code reply_<uuid hex>} and the calls waiting on it (oslo's
 * ReplyWaiter): each reply carries the call's {@code _msg_id}; a call waits until a reply with
 * {@code ending} true. A reply with no result and {@code ending} false is a call-monitor
 * heartbeat; older servers send the result first and an empty ending reply after it.
 */
final class ReplyWaiter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplyWaiter.class);

  private final String queue = "reply_" + Wire.hexId();
  private final Map<String, BlockingQueue<Map<String, Object>>> waiting = new ConcurrentHashMap<>();
  private final RecentIds seen = new RecentIds();
  private final Broker.Subscription subscription;

  ReplyWaiter(Broker broker) {
    subscription = broker.consume(null, new Broker.Queue(queue, false, false, Messaging.TRANSIENT_QUEUE_ARGS),
        queue, this::onReply);
  }

  String queue() {
    return queue;
  }

  private void onReply(byte[] body) {
    Map<String, Object> reply;
    try {
      reply = Wire.open(body);
    } catch (IllegalArgumentException e) {
      LOG.error("Dropping an unreadable reply on {}: {}", queue, e.getMessage());
      return;
    }
    Object msgId = reply.remove("_msg_id");
    BlockingQueue<Map<String, Object>> q = msgId == null ? null : waiting.get(msgId.toString());
    if (q == null) {
      LOG.info("No calling thread waiting for msg_id {} (timed out?)", msgId);
      return;
    }
    q.add(reply);
  }

  /** Marks a call whose message reached no queue; {@link #await} sends it again. */
  private static final Map<String, Object> RETURNED = Map.of();
  private static final long RESEND_DELAY_MS = 250;

  void returned(String msgId) {
    BlockingQueue<Map<String, Object>> q = waiting.get(msgId);
    if (q != null) {
      q.add(RETURNED);
    }
  }

  void listen(String msgId) {
    waiting.put(msgId, new LinkedBlockingQueue<>());
  }

  void unlisten(String msgId) {
    waiting.remove(msgId);
  }

  /**
   * The call's result; its failure as a {@link RemoteError}; {@link MessagingTimeout} at the
   * deadline. {@code resend} sends the call again when the broker returned it unrouted.
   */
  Object await(String msgId, long deadlineNanos, String topic, String method, Duration timeout, Runnable resend) {
    BlockingQueue<Map<String, Object>> q = waiting.get(msgId);
    Object result = null;
    try {
      while (true) {
        long left = deadlineNanos - System.nanoTime();
        Map<String, Object> reply = left > 0 ? q.poll(left, TimeUnit.NANOSECONDS) : null;
        if (reply == null) {
          throw new MessagingTimeout(topic, method, timeout, msgId);
        }
        if (reply == RETURNED) {
          Thread.sleep(Math.min(RESEND_DELAY_MS, Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000)));
          if (deadlineNanos - System.nanoTime() > 0) {
            resend.run();
          }
          continue;
        }
        if (!seen.firstTime(reply.get("_unique_id"))) {
          continue;
        }
        Object failure = reply.get("failure");
        if (failure != null) {
          throw Failures.deserialize(failure);
        }
        if (reply.get("result") != null) {
          result = reply.get("result");
        }
        if (Boolean.TRUE.equals(reply.get("ending"))) {
          return result;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MessagingException("interrupted while waiting for the reply to " + method + " on " + topic, e);
    }
  }

  @Override
  public void close() {
    subscription.cancel(true);
  }
}
