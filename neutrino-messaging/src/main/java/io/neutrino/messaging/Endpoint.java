package io.neutrino.messaging;

import java.util.Map;
import java.util.Objects;

/**
 * A set of RPC methods served together, like an oslo.messaging endpoint object with its
 * {@code target = Target(namespace=..., version=RPC_API_VERSION)}: a message is dispatched to
 * the first endpoint whose namespace equals the message's and whose version is compatible (same
 * major, minor at least the message's), as oslo's {@code RPCDispatcher} does.
 *
 * <p>Methods are listed by name rather than found by reflection so that what is callable over the
 * bus is written down in one place (Neutron's endpoints expose every public method).
 *
 * @param namespace null for the default namespace (most of Neutron's endpoints)
 * @param version the endpoint's {@code RPC_API_VERSION}, e.g. {@code "1.5"}; null means "1.0"
 */
public record Endpoint(String namespace, String version, Map<String, Method> methods) {

  /**
   * One RPC method. {@code context} is the caller's request context (the message's
   * {@code _context_*} keys without the prefix), {@code args} the keyword arguments; both are plain
   * JSON values (maps, lists, strings, numbers, booleans, null). The result must be serializable
   * to JSON by Jackson (records, maps, lists, ...). A thrown exception reaches the caller as a
   * {@link RemoteError}.
   */
  @FunctionalInterface
  public interface Method {
    Object invoke(Map<String, Object> context, Map<String, Object> args) throws Exception;
  }

  public Endpoint {
    Objects.requireNonNull(methods, "methods");
    methods = Map.copyOf(methods);
    if (version != null) {
      Versions.check(version);
    }
  }

  /** An endpoint in the default namespace. */
  public static Endpoint of(String version, Map<String, Method> methods) {
    return new Endpoint(null, version, methods);
  }
}
