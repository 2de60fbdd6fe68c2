package io.neutrino.messaging;

/** A message could not be handed to the broker in time (oslo's {@code MessageDeliveryFailure}). */
public class MessageDeliveryFailure extends MessagingException {
  private static final long serialVersionUID = 1L;

  public MessageDeliveryFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
