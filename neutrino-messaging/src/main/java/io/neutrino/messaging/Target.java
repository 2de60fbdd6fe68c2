package io.neutrino.messaging;

import java.util.Objects;

/**
 * Where a message goes or which messages a server takes, as oslo.messaging's {@code Target}:
 * a {@code topic} (e.g. {@code q-plugin}), optionally one {@code server} on it (a host name),
 * {@code fanout} for a cast to every server on the topic, and the {@code namespace} and
 * {@code version} a client stamps on its messages (a server's endpoints declare their own).
 */
public record Target(String topic, String server, boolean fanout, String namespace, String version) {

  public Target {
    Objects.requireNonNull(topic, "topic");
    if (topic.isEmpty()) {
      throw new IllegalArgumentException("a target needs a topic");
    }
  }

  /** All servers on the topic (one of them takes each message). */
  public static Target topic(String topic) {
    return new Target(topic, null, false, null, null);
  }

  /** One server on the topic: routing key {@code <topic>.<server>}. */
  public Target withServer(String server) {
    return new Target(topic, server, fanout, namespace, version);
  }

  /** Every server on the topic (cast only). */
  public Target withFanout() {
    return new Target(topic, server, true, namespace, version);
  }

  public Target withNamespace(String namespace) {
    return new Target(topic, server, fanout, namespace, version);
  }

  /** The API version a client sends, e.g. {@code "1.5"}. */
  public Target withVersion(String version) {
    return new Target(topic, server, fanout, namespace, version);
  }
}
