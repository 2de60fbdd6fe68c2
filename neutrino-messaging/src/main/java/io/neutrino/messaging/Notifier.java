package io.neutrino.messaging;

import io.neutrino.lib.ids.Uuids;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes notifications as oslo.messaging's Notifier with the {@code messagingv2} driver: a
 * message {@code {message_id, publisher_id, event_type, priority, payload, timestamp}} (plus the
 * sanitized context as {@code _context_*}) to topic {@code <topic>.<priority>} for each topic.
 * As in oslo, a notification that cannot be delivered is logged, not raised; a payload JSON
 * cannot carry is a programming error and throws {@link IllegalArgumentException}.
 */
public final class Notifier {
  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
  /** Python's str(datetime) without time zone. */
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** The context keys oslo lets into a notification (notifier._sanitize_context): no tokens. */
  private static final Set<String> SAFE_CONTEXT_KEYS = Set.of("user_id", "project_id", "domain_id",
      "user_domain_id", "project_domain_id", "is_admin", "request_id", "roles", "user_name", "project_name",
      "domain_name", "user_domain_name", "project_domain_name", "service_user_id", "service_user_domain_id",
      "service_user_domain_name", "service_project_id", "service_project_name", "service_project_domain_id",
      "service_project_domain_name", "service_roles", "global_request_id", "system_scope", "user", "domain",
      "user_domain", "project_domain");

  private final Messaging messaging;
  private final String publisherId;
  private final List<String> topics;

  Notifier(Messaging messaging, String publisherId, List<String> topics) {
    this.messaging = messaging;
    this.publisherId = Objects.requireNonNull(publisherId, "publisherId");
    this.topics = List.copyOf(topics);
  }

  public String publisherId() {
    return publisherId;
  }

  public void audit(Map<String, ?> context, String eventType, Object payload) {
    notify(context, eventType, payload, Priority.AUDIT);
  }

  public void debug(Map<String, ?> context, String eventType, Object payload) {
    notify(context, eventType, payload, Priority.DEBUG);
  }

  public void info(Map<String, ?> context, String eventType, Object payload) {
    notify(context, eventType, payload, Priority.INFO);
  }

  public void warn(Map<String, ?> context, String eventType, Object payload) {
    notify(context, eventType, payload, Priority.WARN);
  }

  public void error(Map<String, ?> context, String eventType, Object payload) {
    notify(context, eventType, payload, Priority.ERROR);
  }

  public void critical(Map<String, ?> context, String eventType, Object payload) {
    notify(context, eventType, payload, Priority.CRITICAL);
  }

  public void sample(Map<String, ?> context, String eventType, Object payload) {
    notify(context, eventType, payload, Priority.SAMPLE);
  }

  /** Sends one notification to every topic of this notifier. */
  public void notify(Map<String, ?> context, String eventType, Object payload, Priority priority) {
    Map<String, Object> msg = new LinkedHashMap<>();
    msg.put("message_id", Uuids.randomString());
    msg.put("publisher_id", publisherId);
    msg.put("event_type", eventType);
    msg.put("priority", priority.name());
    msg.put("payload", payload);
    msg.put("timestamp", timestamp(LocalDateTime.now(ZoneOffset.UTC)));
    Map<String, Object> safe = new LinkedHashMap<>();
    if (context != null) {
      context.forEach((k, v) -> {
        if (SAFE_CONTEXT_KEYS.contains(k)) {
          safe.put(k, v);
        }
      });
    }
    for (String topic : topics) {
      // A fresh _unique_id per copy, as oslo sends each topic's copy separately.
      Map<String, Object> copy = new LinkedHashMap<>(msg);
      copy.put("_unique_id", Wire.hexId());
      Wire.packContext(copy, safe);
      byte[] body = Wire.envelope(copy);
      String key = topic + "." + priority.topicSuffix();
      try {
        Broker broker = messaging.broker();
        broker.declare(messaging.topicExchange(), new Broker.Queue(key, false, false, Map.of()), key);
        broker.publish(messaging.topicExchange(), key, body, null, false, messaging.rpcResponseTimeout());
      } catch (MessagingException e) {
        LOG.error("Could not send notification {} to {}: {}", eventType, key, e.getMessage());
      }
    }
  }

  /** Python's {@code str(datetime)}: microseconds only when not zero. */
  static String timestamp(LocalDateTime t) {
    int micros = t.getNano() / 1000;
    return SECONDS.format(t) + (micros == 0 ? "" : String.format(".%06d", micros));
  }
}
