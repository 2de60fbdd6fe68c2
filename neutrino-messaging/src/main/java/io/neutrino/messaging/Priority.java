package io.neutrino.messaging;

import java.util.Locale;

/**
 * A notification's priority, spelled in messages as oslo does ({@code "INFO"}); a notification
 * goes to topic {@code <topic>.<priority in lower case>}, e.g. {@code notifications.info}.
 */
public enum Priority {
  AUDIT, DEBUG, INFO, WARN, ERROR, CRITICAL, SAMPLE;

  /** The topic suffix: {@code info}, {@code warn}, ... */
  public String topicSuffix() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** oslo writes {@code WARN}; notifications from older senders may say {@code WARNING}. */
  static Priority parse(String text) {
    String upper = text.toUpperCase(Locale.ROOT);
    return upper.equals("WARNING") ? WARN : valueOf(upper);
  }
}
