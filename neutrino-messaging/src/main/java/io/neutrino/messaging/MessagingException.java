package io.neutrino.messaging;

/** Base of the messaging layer's exceptions (oslo's {@code MessagingException}). */
public class MessagingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MessagingException(String message) {
    super(message);
  }

  public MessagingException(String message, Throwable cause) {
    super(message, cause);
  }
}
