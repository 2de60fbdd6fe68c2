package io.neutrino.messaging;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * oslo's RPCDispatcher: the first endpoint whose namespace equals the message's and whose version
 * is compatible, and that has the method, runs it. A compatible endpoint without the method gives
 * {@code NoSuchMethod}; no compatible endpoint gives {@code UnsupportedVersion} (both in module
 * {@code oslo_messaging.rpc.dispatcher}, with oslo's messages).
 */
final class Dispatcher {
  static final String DISPATCHER_MODULE = "oslo_messaging.rpc.dispatcher";

  private final List<Endpoint> endpoints;

  Dispatcher(List<Endpoint> endpoints) {
    this.endpoints = List.copyOf(endpoints);
  }

  @SuppressWarnings("unchecked")
  Object dispatch(Map<String, Object> context, Map<String, Object> message) throws Exception {
    String method = String.valueOf(message.get("method"));
    Object namespace = message.get("namespace");
    String version = message.get("version") == null ? "1.0" : String.valueOf(message.get("version"));
    Map<String, Object> args = message.get("args") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    boolean compatible = false;
    for (Endpoint e : endpoints) {
      if (!Objects.equals(e.namespace(), namespace)
          || !Versions.compatible(e.version() == null ? "1.0" : e.version(), version)) {
        continue;
      }
      Endpoint.Method m = e.methods().get(method);
      if (m != null) {
        return m.invoke(context, args);
      }
      compatible = true;
    }
    if (compatible) {
      throw RemoteError.of(DISPATCHER_MODULE, "NoSuchMethod", "Endpoint does not support RPC method " + method,
          Map.of("method", method));
    }
    throw RemoteError.of(DISPATCHER_MODULE, "UnsupportedVersion", "Endpoint does not support RPC version "
        + version + ". Attempted method: " + method, Map.of("version", version, "method", method));
  }
}
