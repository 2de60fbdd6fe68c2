package io.neutrino.messaging;

import io.neutrino.config.Config;
import io.neutrino.config.ConfigException;
import java.time.Duration;

/**
 * The transport as oslo.messaging's options describe it, read the same way by the server and
 * every agent: {@code [DEFAULT] transport_url} (in memory when unset), {@code control_exchange}
 * (Neutron's {@code neutron}) and {@code rpc_response_timeout} (60 s). A bad value is a start-up
 * error naming the option.
 */
public final class MessagingConfig {
  private MessagingConfig() {}

  public static Messaging open(Config config) {
    TransportUrl url;
    try {
      url = TransportUrl.parse(config.get("DEFAULT", "transport_url", ""));
    } catch (IllegalArgumentException e) {
      // The message names the problem, never the value: it may carry the broker password.
      throw new ConfigException("DEFAULT", "transport_url", "invalid transport URL: " + e.getMessage());
    }
    int timeout = config.getInt("DEFAULT", "rpc_response_timeout", 60);
    if (timeout <= 0) {
      throw ConfigException.badValue("DEFAULT", "rpc_response_timeout", Integer.toString(timeout), "must be positive");
    }
    String exchange = config.get("DEFAULT", "control_exchange", Messaging.DEFAULT_CONTROL_EXCHANGE).trim();
    if (exchange.isEmpty()) {
      throw ConfigException.badValue("DEFAULT", "control_exchange", exchange, "must not be empty");
    }
    try {
      return Messaging.create(url, exchange, Duration.ofSeconds(timeout));
    } catch (MessagingException | IllegalArgumentException e) {
      throw new ConfigException("DEFAULT", "transport_url", e.getMessage(), e);
    }
  }
}
