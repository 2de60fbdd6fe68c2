package io.neutrino.messaging;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An exception raised by the remote endpoint of a call, as oslo.messaging's {@code RemoteError}:
 * the remote class name ({@link #excType()}), its module (a Python module, or a Java package when
 * the remote side is Neutrino), its message ({@link #value()}) and its traceback lines.
 *
 * <p>An endpoint may also throw one to choose what the caller sees: a Python caller rebuilds
 * {@code module.excType(*args, **kwargs)} when the module is in its {@code allowed_remote_exmods}
 * (e.g. {@code neutron_lib.exceptions}); the server's own dispatch errors use oslo's
 * {@code oslo_messaging.rpc.dispatcher} {@code NoSuchMethod} and {@code UnsupportedVersion}.
 */
public class RemoteError extends MessagingException {
  private static final long serialVersionUID = 1L;

  private final String module;
  private final String excType;
  private final String value;
  private final List<String> traceback;
  private final List<Object> args;
  private final Map<String, Object> kwargs;

  public RemoteError(String module, String excType, String value, List<String> traceback,
      List<Object> args, Map<String, Object> kwargs) {
    super("Remote error: " + excType + " " + value);
    this.module = Objects.requireNonNullElse(module, "");
    this.excType = Objects.requireNonNull(excType, "excType");
    this.value = Objects.requireNonNullElse(value, "");
    this.traceback = List.copyOf(traceback);
    this.args = args;
    this.kwargs = kwargs;
  }

  /** What an endpoint throws to raise {@code module.excType(**kwargs)} with {@code message} on the caller. */
  public static RemoteError of(String module, String excType, String message, Map<String, Object> kwargs) {
    return new RemoteError(module, excType, message, List.of(), List.of(message), kwargs);
  }

  public String module() {
    return module;
  }

  /** The remote exception's class name, e.g. {@code NoSuchMethod}. */
  public String excType() {
    return excType;
  }

  /** The remote exception's message. */
  public String value() {
    return value;
  }

  public List<String> traceback() {
    return traceback;
  }

  /** The exception's positional arguments as sent (JSON values). */
  public List<Object> args() {
    return args;
  }

  /** The exception's keyword arguments as sent (JSON values). */
  public Map<String, Object> kwargs() {
    return kwargs;
  }
}
