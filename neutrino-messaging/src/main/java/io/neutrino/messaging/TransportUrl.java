package io.neutrino.messaging;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code [DEFAULT] transport_url} parsed as oslo.messaging's {@code TransportURL.parse} reads it:
 * {@code driver://[user:pass@]host[:port][,[user:pass@]host[:port]...]/virtual_host[?query]}.
 *
 * <p>User and password are percent-decoded; a missing port is 5672 (oslo's rabbit driver fills
 * it in); the virtual host is the percent-decoded path after the first {@code /}, and an empty
 * one (a trailing {@code /} or no path at all) is RabbitMQ's default vhost {@code /}, as kombu
 * makes of it. {@code rabbit://} without hosts is {@code guest:guest@localhost:5672}, and a host
 * without credentials logs in as guest/guest, as oslo does.
 * An unset or empty value, {@code fake://} (oslo's test driver) and {@code memory://} select the
 * in-memory transport.
 *
 * <p>The password never appears in {@link #toString()}.
 */
public record TransportUrl(String driver, List<Host> hosts, String virtualHost,
    Map<String, String> query) {

  /** The default port of oslo's rabbit driver. */
  public static final int DEFAULT_PORT = 5672;

  /** One broker address with its (decoded) credentials. */
  public record Host(String hostname, int port, String username, String password) {
    @Override
    public String toString() {
      return (username == null ? "" : username + ":****@")
          + (hostname.contains(":") ? "[" + hostname + "]" : hostname) + ":" + port;
    }
  }

  public TransportUrl {
    hosts = List.copyOf(hosts);
    query = Map.copyOf(query);
  }

  /** The in-memory transport. */
  public static TransportUrl memory() {
    return new TransportUrl("memory", List.of(), "/", Map.of());
  }

  /** True for the in-memory transport (the embedded default). */
  public boolean inMemory() {
    return driver.equals("memory");
  }

  /**
   * Parses a transport URL.
   *
   * @throws IllegalArgumentException naming the problem if the URL cannot be used; the message
   *     does not repeat the URL (it may carry a password)
   */
  public static TransportUrl parse(String value) {
    if (value == null || value.isBlank()) {
      return memory();
    }
    String url = value.strip();
    int colon = url.indexOf("://");
    if (colon <= 0) {
      throw new IllegalArgumentException("no scheme specified (expected e.g. rabbit://user:pass@host:5672/)");
    }
    String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
    String rest = url.substring(colon + 3);
    switch (scheme) {
      case "memory", "fake" -> {
        return memory();
      }
      // oslo registers "kombu" as an alias of "rabbit".
      case "rabbit", "kombu" -> {
        return rabbit(rest);
      }
      // In oslo, amqp:// is the AMQP 1.0 driver (qpid-dispatch), not RabbitMQ's AMQP 0-9-1.
      default -> throw new IllegalArgumentException("unsupported transport driver '" + scheme
          + "' (supported: rabbit, memory, fake)");
    }
  }

  private static TransportUrl rabbit(String rest) {
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    String netloc = rest;
    String vhost = "";
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      netloc = rest.substring(0, slash);
      vhost = decode(rest.substring(slash + 1), "virtual host");
    }
    List<Host> hosts = new ArrayList<>();
    for (String part : netloc.split(",", -1)) {
      if (!part.isEmpty()) {
        hosts.add(host(part));
      }
    }
    if (hosts.isEmpty()) {
      hosts.add(new Host("localhost", DEFAULT_PORT, "guest", "guest"));
    }
    return new TransportUrl("rabbit", hosts, vhost.isEmpty() ? "/" : vhost, parseQuery(query));
  }

  private static Host host(String part) {
    String user = null;
    String password = null;
    String hostPort = part;
    int at = part.lastIndexOf('@');
    if (at >= 0) {
      String creds = part.substring(0, at);
      hostPort = part.substring(at + 1);
      int c = creds.indexOf(':');
      if (c >= 0) {
        password = decode(creds.substring(c + 1), "password");
        creds = creds.substring(0, c);
      }
      user = decode(creds, "user name");
    }
    String hostname = hostPort;
    String port = null;
    if (hostPort.startsWith("[")) {
      int end = hostPort.indexOf(']');
      if (end < 0) {
        throw new IllegalArgumentException("invalid IPv6 host (missing ']')");
      }
      hostname = hostPort.substring(1, end);
      String after = hostPort.substring(end + 1);
      if (after.startsWith(":")) {
        port = after.substring(1);
      } else if (!after.isEmpty()) {
        throw new IllegalArgumentException("invalid text after IPv6 host: '" + after + "'");
      }
    } else {
      int c = hostPort.indexOf(':');
      if (c >= 0) {
        hostname = hostPort.substring(0, c);
        port = hostPort.substring(c + 1);
      }
    }
    if (hostname.isEmpty()) {
      throw new IllegalArgumentException("a host is missing its host name");
    }
    return new Host(hostname, port(port), user, password);
  }

  private static int port(String text) {
    if (text == null || text.isEmpty()) {
      return DEFAULT_PORT;
    }
    try {
      int p = Integer.parseInt(text);
      if (p >= 1 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below with the offending text
    }
    throw new IllegalArgumentException("invalid port '" + text + "'");
  }

  private static Map<String, String> parseQuery(String query) {
    // oslo joins repeated keys with ','.
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq), "query");
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1).replace('+', ' '), "query");
      out.merge(k, v, (a, b) -> a + "," + b);
    }
    return out;
  }

  private static String decode(String text, String what) {
    try {
      // URLDecoder would turn '+' into ' '; oslo's unquote keeps it.
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid percent-encoding in the " + what);
    }
  }

  @Override
  public String toString() {
    if (inMemory()) {
      return "memory://";
    }
    StringBuilder sb = new StringBuilder(driver).append("://");
    for (int i = 0; i < hosts.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(hosts.get(i));
    }
    return sb.append('/').append(virtualHost.equals("/") ? "" : virtualHost).toString();
  }
}
