package io.neutrino.server.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/** JSON for the columns that hold lists and dicts; one shared, thread-safe mapper. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();
  /** Built once: readValue(text, Object.class) resolves the type on every call. */
  private static final ObjectReader ANY = MAPPER.readerFor(Object.class);

  private Json() {}

  public static String write(Object value) {
    // Most stored dicts and lists are empty (profiles, vif details, address pairs, DHCP options).
    if (value instanceof java.util.Map<?, ?> m && m.isEmpty()) {
      return "{}";
    }
    if (value instanceof java.util.Collection<?> c && c.isEmpty()) {
      return "[]";
    }
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value cannot be stored as JSON", e);
    }
  }

  public static Object read(String text) {
    if (text == null) {
      return null;
    }
    // The common empty values without the parser; mutable, as Jackson's would be.
    if (text.equals("{}")) {
      return new java.util.LinkedHashMap<String, Object>();
    }
    if (text.equals("[]")) {
      return new java.util.ArrayList<Object>();
    }
    try {
      return ANY.readValue(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is corrupt: " + text, e);
    }
  }
}
