package io.neutrino.messaging;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Sends RPC messages to a {@link Target}, as oslo.messaging's RPCClient: {@link #call} waits for
 * the result, {@link #cast} does not, and a fanout target casts to every server on the topic.
 * Immutable: {@link #server}, {@link #fanout}, {@link #version} and {@link #timeout} return an
 * adjusted copy (oslo's {@code prepare()}). Thread-safe.
 *
 * <p>{@code context} is the request context ({@code to_dict()} of Neutron's context: user_id,
 * project_id, is_admin, roles, request_id, ...); it travels as {@code _context_<key>} message
 * keys. {@code args} are the method's keyword arguments. Both must be JSON-serializable (Jackson);
 * if not, the method throws {@link IllegalArgumentException} and nothing is sent.
 */
public final class RpcClient {
  private final Messaging messaging;
  private final Target target;
  private final Duration timeout;

  RpcClient(Messaging messaging, Target target, Duration timeout) {
    this.messaging = messaging;
    this.target = Objects.requireNonNull(target, "target");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (target.version() != null) {
      Versions.check(target.version());
    }
  }

  public Target target() {
    return target;
  }

  /** Sends to the one server {@code server} ({@code <topic>.<server>}). */
  public RpcClient server(String server) {
    return new RpcClient(messaging, target.withServer(server), timeout);
  }

  /** Casts to every server on the topic. */
  public RpcClient fanout() {
    return new RpcClient(messaging, target.withFanout(), timeout);
  }

  public RpcClient version(String version) {
    return new RpcClient(messaging, target.withVersion(version), timeout);
  }

  public RpcClient timeout(Duration timeout) {
    return new RpcClient(messaging, target, timeout);
  }

  /**
   * Invokes {@code method} on one server and returns its result as JSON values (maps, lists,
   * strings, numbers, booleans, null).
   *
   * @throws MessagingTimeout if no reply comes within the timeout
   * @throws RemoteError if the remote method raised (or the server has no such method/version)
   * @throws MessageDeliveryFailure if the broker could not take the message before the timeout
   */
  public Object call(Map<String, ?> context, String method, Map<String, ?> args) {
    if (target.fanout()) {
      throw new IllegalArgumentException("a fanout target can only be cast to (topic " + target.topic() + ")");
    }
    ReplyWaiter replies = messaging.replies();
    String msgId = Wire.hexId();
    Map<String, Object> msg = message(method, args);
    msg.put("_msg_id", msgId);
    msg.put("_reply_q", replies.queue());
    // oslo always sends the call-monitor timeout; null when not monitoring (Neutron does not).
    msg.put("_timeout", null);
    byte[] body = seal(msg, context);
    long deadline = System.nanoTime() + timeout.toNanos();
    replies.listen(msgId);
    try {
      // Mandatory: a call that reaches no queue comes back and is sent again (see Messaging.returned).
      // The expiration is the call's timeout, as oslo sets it: a late request is not worth running.
      messaging.broker().publish(messaging.topicExchange(), routingKey(), body, timeout, true, timeout);
      return replies.await(msgId, deadline, target.topic(), method, timeout, () -> {
        Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
        messaging.broker().publish(messaging.topicExchange(), routingKey(), body, left, true, left);
      });
    } finally {
      replies.unlisten(msgId);
    }
  }

  /** {@link #call} with the result converted by Jackson to {@code type} (a record, a list, ...). */
  public <T> T call(Map<String, ?> context, String method, Map<String, ?> args, Class<T> type) {
    return Wire.JSON.convertValue(call(context, method, args), type);
  }

  /**
   * Sends {@code method} without waiting: to one server of the topic, the named server, or every
   * server (fanout).
   *
   * @throws MessageDeliveryFailure if the broker could not take the message within the
   *     transport's rpc_response_timeout
   */
  public void cast(Map<String, ?> context, String method, Map<String, ?> args) {
    byte[] body = seal(message(method, args), context);
    Duration retry = messaging.rpcResponseTimeout();
    if (target.fanout()) {
      messaging.broker().publish(Messaging.fanoutExchange(target.topic()), "", body, null, false, retry);
    } else {
      messaging.broker().publish(messaging.topicExchange(), routingKey(), body, null, false, retry);
    }
  }

  private String routingKey() {
    return target.server() == null ? target.topic() : target.topic() + "." + target.server();
  }

  private Map<String, Object> message(String method, Map<String, ?> args) {
    Map<String, Object> msg = new LinkedHashMap<>();
    msg.put("method", Objects.requireNonNull(method, "method"));
    msg.put("args", args == null ? Map.of() : args);
    if (target.namespace() != null) {
      msg.put("namespace", target.namespace());
    }
    if (target.version() != null) {
      msg.put("version", target.version());
    }
    return msg;
  }

  private static byte[] seal(Map<String, Object> msg, Map<String, ?> context) {
    msg.put("_unique_id", Wire.hexId());
    Wire.packContext(msg, context == null ? Map.of() : context);
    return Wire.envelope(msg);
  }

  @Override
  public String toString() {
    return "RpcClient[" + target + ", timeout " + timeout + "]";
  }
}
