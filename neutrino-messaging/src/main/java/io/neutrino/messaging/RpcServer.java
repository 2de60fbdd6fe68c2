package io.neutrino.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves RPC messages for a {@link Target} (topic and server), as oslo.messaging's RPC server:
 * it consumes the shared queue {@code <topic>} (one server of the topic takes each message),
 * its own {@code <topic>.<server>} and a fanout queue of its own, and runs each message's method
 * on a pool of threads through the versioned {@link Endpoint}s. A call gets one reply with the
 * result or the failure; when the caller sent a call-monitor timeout ({@code _timeout}), a
 * heartbeat reply goes out every half of it while the method runs, as oslo does.
 */
public final class RpcServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);
  private static final long STOP_WAIT_SECONDS = 30;

  private final Messaging messaging;
  private final Target target;
  private final Dispatcher dispatcher;
  private final ThreadPoolExecutor executor;
  private final RecentIds seen = new RecentIds();
  private final List<Broker.Subscription> subscriptions = new ArrayList<>();
  private boolean started;
  private boolean stopped;

  RpcServer(Messaging messaging, Target target, List<Endpoint> endpoints, int threads) {
    if (target.server() == null || target.server().isEmpty()) {
      throw new IllegalArgumentException("an RPC server's target needs a server name (topic " + target.topic() + ")");
    }
    this.messaging = messaging;
    this.target = target;
    this.dispatcher = new Dispatcher(endpoints);
    this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        Messaging.threads("rpc-" + target.topic()));
    executor.allowCoreThreadTimeOut(true);
  }

  public Target target() {
    return target;
  }

  /** Declares the server's queues and starts consuming. */
  public synchronized RpcServer start() {
    if (started) {
      return this;
    }
    started = true;
    Broker broker = messaging.broker();
    Broker.Exchange topics = messaging.topicExchange();
    String topic = target.topic();
    String direct = topic + "." + target.server();
    try {
      subscriptions.add(broker.consume(topics, new Broker.Queue(topic, false, false, Map.of()), topic, this::onMessage));
      subscriptions.add(broker.consume(topics, new Broker.Queue(direct, false, false, Map.of()), direct, this::onMessage));
      subscriptions.add(broker.consume(Messaging.fanoutExchange(topic),
          new Broker.Queue(topic + "_fanout_" + Wire.hexId(), false, false, Messaging.TRANSIENT_QUEUE_ARGS), topic,
          this::onMessage));
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
    messaging.opened(this);
    LOG.info("RPC server consuming topic {} as server {}", topic, target.server());
    return this;
  }

  private void onMessage(byte[] body) {
    Map<String, Object> msg;
    try {
      msg = Wire.open(body);
    } catch (IllegalArgumentException e) {
      LOG.error("Dropping an unreadable message on topic {}: {}", target.topic(), e.getMessage());
      return;
    }
    Map<String, Object> context = Wire.unpackContext(msg);
    Object msgId = msg.remove("_msg_id");
    Object replyQ = msg.remove("_reply_q");
    Object clientTimeout = msg.remove("_timeout");
    if (!seen.firstTime(msg.remove("_unique_id"))) {
      LOG.warn("Ignoring duplicate message {}", msgId);
      return;
    }
    Request r = new Request(context, msg, msgId == null ? null : msgId.toString(),
        replyQ == null ? null : replyQ.toString(), clientTimeout);
    try {
      executor.execute(() -> handle(r));
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      LOG.debug("RPC server for topic {} is stopping; message {} not handled", target.topic(), msgId);
    }
  }

  private record Request(Map<String, Object> context, Map<String, Object> message, String msgId, String replyQ,
      Object clientTimeout) {
    boolean wantsReply() {
      return msgId != null && replyQ != null;
    }
  }

  private void handle(Request r) {
    ScheduledFuture<?> heartbeat = r.wantsReply() ? startHeartbeat(r) : null;
    byte[] reply;
    try {
      Object result = dispatcher.dispatch(r.context(), r.message());
      reply = r.wantsReply() ? reply(r.msgId(), result, null, true) : null;
    } catch (Exception | LinkageError | AssertionError e) {
      log(r, e);
      reply = r.wantsReply() ? reply(r.msgId(), null, Failures.serialize(e), true) : null;
    } finally {
      if (heartbeat != null) {
        heartbeat.cancel(false);
      }
    }
    if (reply != null) {
      send(r, reply);
    }
  }

  private void log(Request r, Throwable e) {
    Object method = r.message().get("method");
    if (e instanceof RemoteError re && !re.module().equals(Dispatcher.DISPATCHER_MODULE)) {
      // An endpoint chose what the caller sees, like oslo's ExpectedException.
      LOG.debug("Expected exception during message handling of {} ({})", method, re.getMessage());
    } else if (e instanceof RemoteError re) {
      LOG.warn("Exception during message handling of {} on topic {}: {}", method, target.topic(), re.value());
    } else {
      LOG.error("Exception during message handling of {} on topic {}", method, target.topic(), e);
    }
  }

  /** The reply body; a result that JSON cannot carry becomes the failure the caller sees. */
  private static byte[] reply(String msgId, Object result, String failure, boolean ending) {
    Map<String, Object> msg = new LinkedHashMap<>();
    msg.put("result", result);
    msg.put("failure", failure);
    msg.put("ending", ending);
    msg.put("_msg_id", msgId);
    msg.put("_unique_id", Wire.hexId());
    try {
      return Wire.envelope(msg);
    } catch (IllegalArgumentException e) {
      LOG.error("The result for message {} cannot be serialized", msgId, e);
      return reply(msgId, null, Failures.serialize(e), ending);
    }
  }

  private void send(Request r, byte[] reply) {
    try {
      messaging.broker().publish(null, r.replyQ(), reply, null, true, messaging.rpcResponseTimeout());
    } catch (RuntimeException e) {
      LOG.error("Cannot send the reply to message {} on {}", r.msgId(), r.replyQ(), e);
    }
  }

  /** oslo's call-monitor watchdog: only for integral client timeouts of at least 2 s. */
  private ScheduledFuture<?> startHeartbeat(Request r) {
    if (!(r.clientTimeout() instanceof Number n) || n.intValue() / 2 < 1) {
      return null;
    }
    long interval = n.intValue() * 1000L / 2;
    return messaging.heartbeats().scheduleAtFixedRate(() -> send(r, reply(r.msgId(), null, null, false)),
        interval, interval, TimeUnit.MILLISECONDS);
  }

  /**
   * Stops consuming, deletes this server's fanout queue (oslo leaves it to expire), and waits for
   * the methods already running (up to 30 s).
   */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    for (int i = 0; i < subscriptions.size(); i++) {
      // The shared queues stay, like oslo's; only the fanout queue (the last) is this server's own.
      subscriptions.get(i).cancel(i == 2);
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("RPC server for topic {} stopped with methods still running", target.topic());
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    }
    messaging.closed(this);
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "RpcServer[" + target.topic() + "." + target.server() + "]";
  }
}
