package io.neutrino.messaging;

import io.neutrino.lib.ids.Uuids;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * oslo.messaging's message encoding (common.serialize_msg / deserialize_msg): the message dict is
 * dumped to a JSON string and wrapped as {@code {"oslo.version": "2.0", "oslo.message": "..."}}.
 * Every transport uses it, so a value that cannot cross the wire fails in memory too.
 */
final class Wire {
  static final String VERSION_KEY = "oslo.version";
  static final String MESSAGE_KEY = "oslo.message";
  static final String ENVELOPE_VERSION = "2.0";
  static final String CONTEXT_PREFIX = "_context_";

  /** Python's json accepts NaN and Infinity; so do we when reading. */
  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
  };

  private Wire() {
  }

  /**
   * The enveloped JSON bytes of {@code message}.
   *
   * @throws IllegalArgumentException if a value cannot be serialized to JSON
   */
  static byte[] envelope(Map<String, Object> message) {
    try {
      String inner = JSON.writeValueAsString(message);
      Map<String, Object> env = new LinkedHashMap<>(4);
      env.put(VERSION_KEY, ENVELOPE_VERSION);
      env.put(MESSAGE_KEY, inner);
      return JSON.writeValueAsBytes(env);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("message cannot be serialized to JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * The message inside an envelope; a JSON object without the envelope keys is taken as the
   * message itself (oslo accepts such messages from old senders and v1 notifiers).
   *
   * @throws IllegalArgumentException if the body is not a JSON object or the envelope version is
   *     not 2.x
   */
  static Map<String, Object> open(byte[] body) {
    try {
      LinkedHashMap<String, Object> outer = JSON.readValue(body, MAP);
      if (!(outer.containsKey(VERSION_KEY) && outer.containsKey(MESSAGE_KEY))) {
        return outer;
      }
      String version = String.valueOf(outer.get(VERSION_KEY));
      if (!Versions.compatible(ENVELOPE_VERSION, version)) {
        throw new IllegalArgumentException("unsupported envelope version " + version);
      }
      return JSON.readValue(String.valueOf(outer.get(MESSAGE_KEY)), MAP);
    } catch (IOException e) {
      throw new IllegalArgumentException("message is not a JSON object: " + e.getMessage(), e);
    }
  }

  /** A uuid4 in hex without dashes, as oslo's {@code uuid.uuid4().hex}. */
  static String hexId() {
    UUID u = Uuids.random();
    char[] out = new char[32];
    hex(u.getMostSignificantBits(), out, 0);
    hex(u.getLeastSignificantBits(), out, 16);
    return new String(out);
  }

  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private static void hex(long v, char[] out, int at) {
    for (int i = 15; i >= 0; i--) {
      out[at + i] = DIGITS[(int) (v & 0xf)];
      v >>>= 4;
    }
  }

  /** Adds the context's keys to {@code message} with the {@code _context_} prefix (pack_context). */
  static void packContext(Map<String, Object> message, Map<String, ?> context) {
    for (Map.Entry<String, ?> e : context.entrySet()) {
      message.put(CONTEXT_PREFIX + e.getKey(), e.getValue());
    }
  }

  /** Removes the {@code _context_*} keys from {@code message} and returns them unprefixed. */
  static Map<String, Object> unpackContext(Map<String, Object> message) {
    Map<String, Object> ctx = new LinkedHashMap<>();
    var it = message.entrySet().iterator();
    while (it.hasNext()) {
      var e = it.next();
      if (e.getKey().startsWith(CONTEXT_PREFIX)) {
        ctx.put(e.getKey().substring(CONTEXT_PREFIX.length()), e.getValue());
        it.remove();
      }
    }
    return ctx;
  }
}
