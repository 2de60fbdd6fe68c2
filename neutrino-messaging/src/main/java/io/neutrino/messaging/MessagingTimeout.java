package io.neutrino.messaging;

import java.time.Duration;

/** No reply to a call within its timeout (oslo's {@code MessagingTimeout}). */
public class MessagingTimeout extends MessagingException {
  private static final long serialVersionUID = 1L;

  private final String topic;
  private final String method;
  private final Duration timeout;

  public MessagingTimeout(String topic, String method, Duration timeout, String msgId) {
    super("Timed out waiting for a reply to message ID " + msgId + ": call of '" + method
        + "' on topic '" + topic + "' got no reply within " + seconds(timeout));
    this.topic = topic;
    this.method = method;
    this.timeout = timeout;
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() / 1000.0 + "s";
  }

  public String topic() {
    return topic;
  }

  public String method() {
    return method;
  }

  public Duration timeout() {
    return timeout;
  }
}
