package io.neutrino.server.policy;

/** A rule that oslo.policy could not understand (it would log it and use "!" instead). */
public class PolicyParseException extends RuntimeException {
  public PolicyParseException(String message) {
    super(message);
  }
}
