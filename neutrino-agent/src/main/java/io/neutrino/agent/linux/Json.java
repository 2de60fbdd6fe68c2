package io.neutrino.agent.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the JSON that {@code ip -j} and {@code bridge -j} print (an array of objects). */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static List<JsonNode> array(String output) {
    if (output.isBlank()) {
      return List.of();
    }
    try {
      JsonNode root = MAPPER.readTree(output);
      List<JsonNode> items = new ArrayList<>();
      root.forEach(items::add);
      return items;
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable JSON from a host command: " + output, e);
    }
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
