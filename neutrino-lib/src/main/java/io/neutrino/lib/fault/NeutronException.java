package io.neutrino.lib.fault;

/**
 * The one exception type every layer raises for a fault the client should see. It carries what
 * Neutron's fault map derives from its exception classes: the {@code type} (the Neutron exception
 * class name, e.g. {@code NetworkNotFound}), the HTTP status and the message. The API turns it
 * into {@code {"NeutronError": {"type", "message", "detail"}}}.
 *
 * <p>Mirrors neutron_lib/exceptions/__init__.py and neutron/api/api_common.py's FAULT_MAP.
 */
public class NeutronException extends RuntimeException {
  private final String type;
  private final int status;

  public NeutronException(String type, int status, String message) {
    super(message, null, false, false);
    this.type = type;
    this.status = status;
  }

  public String type() {
    return type;
  }

  public int status() {
    return status;
  }
}
