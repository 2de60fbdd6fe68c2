package io.neutrino.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Writes response bodies. They are trees of maps, lists, strings, numbers and booleans, so the
 * walk is done here with plain type tests: Jackson's map serializer looks a serializer up for
 * every value's class, which was a quarter of the time of listing ten thousand ports. Anything
 * else is handed to Jackson.
 */
final class JsonBodies {
  private final ObjectMapper mapper;
  /**
   * Attribute names, quoted and encoded once: a list's items repeat the same few dozen names, and
   * half of a port's JSON is its names.
   */
  private final Map<String, SerializedString> names;

  JsonBodies(ObjectMapper mapper) {
    this(mapper, Set.of());
  }

  /** {@code names}: the keys most bodies have (the schema's attribute names). */
  JsonBodies(ObjectMapper mapper, Set<String> names) {
    this.mapper = mapper;
    Map<String, SerializedString> encoded = new HashMap<>();
    names.forEach(n -> encoded.put(n, new SerializedString(n)));
    this.names = Map.copyOf(encoded);
  }

  byte[] write(Object body) {
    try (ByteArrayBuilder out = new ByteArrayBuilder(mapper.getFactory()._getBufferRecycler());
         JsonGenerator g = mapper.getFactory().createGenerator(out)) {
      value(g, body);
      g.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** JSON written to {@code out} piece by piece (a long list as its items are read). */
  Writer writer(OutputStream out) {
    try {
      return new Writer(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void value(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Map<?, ?> m) {
      object(g, m, key -> true);
    } else if (v instanceof Collection<?> c) {
      g.writeStartArray();
      for (Object o : c) {
        value(g, o);
      }
      g.writeEndArray();
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else {
      mapper.writeValue(g, v);
    }
  }

  /** The entries of {@code m} whose key {@code keep} accepts, as an object. */
  private void object(JsonGenerator g, Map<?, ?> m, Predicate<String> keep) throws IOException {
    g.writeStartObject();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String key = String.valueOf(e.getKey());
      if (keep.test(key)) {
        name(g, key);
        value(g, e.getValue());
      }
    }
    g.writeEndObject();
  }

  private void name(JsonGenerator g, String name) throws IOException {
    SerializedString encoded = names.get(name);
    if (encoded != null) {
      g.writeFieldName(encoded);
    } else {
      g.writeFieldName(name);
    }
  }

  /** A body produced as it is sent: see {@link ResponseStream}. */
  interface Streamed {
    void writeTo(Writer out);
  }

  /** JSON written as it comes; structure calls as Jackson's. */
  final class Writer {
    private final JsonGenerator g;

    private Writer(OutputStream out) throws IOException {
      g = mapper.getFactory().createGenerator(out);
    }

    Writer startObject() {
      return io(() -> g.writeStartObject());
    }

    Writer endObject() {
      return io(() -> g.writeEndObject());
    }

    Writer startArray() {
      return io(() -> g.writeStartArray());
    }

    Writer endArray() {
      return io(() -> g.writeEndArray());
    }

    Writer field(String name) {
      return io(() -> g.writeFieldName(name));
    }

    Writer value(Object v) {
      return io(() -> JsonBodies.this.value(g, v));
    }

    /** The entries of {@code object} whose key {@code keep} accepts, as an object (no copy made). */
    Writer object(Map<String, Object> object, Predicate<String> keep) {
      return io(() -> JsonBodies.this.object(g, object, keep));
    }

    /** Writes out what the generator still buffers. */
    void flush() {
      io(() -> g.flush());
    }

    private Writer io(IoStep step) {
      try {
        step.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }
  }

  private interface IoStep {
    void run() throws IOException;
  }
}
