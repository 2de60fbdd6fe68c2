package io.neutrino.server.db;

/**
 * How one API attribute is stored: its column and the column's kind. JSON columns hold lists and
 * dicts the API shows whole (allocation pools, fixed IPs as shown, binding profile …).
 */
public record Column(String attribute, String name, Kind kind) {
  public enum Kind {
    STRING,
    BOOL,
    INT,
    LONG,
    JSON,
    TIMESTAMP
  }

  public static Column of(String attribute, Kind kind) {
    return new Column(attribute, attribute.replace(':', '_'), kind);
  }

  public static Column of(String attribute, String column, Kind kind) {
    return new Column(attribute, column, kind);
  }
}
