package io.neutrino.server.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON for the columns that hold lists and dicts; one shared, thread-safe mapper. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static String write(Object value) {
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
    try {
      return MAPPER.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is corrupt: " + text, e);
    }
  }
}
