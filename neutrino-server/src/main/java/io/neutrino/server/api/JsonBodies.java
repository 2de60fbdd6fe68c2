package io.neutrino.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
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

  /** A body to write piece by piece (a long list as its items are read). */
  Writer writer() {
    try {
      return new Writer();
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
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        name(g, String.valueOf(e.getKey()));
        value(g, e.getValue());
      }
      g.writeEndObject();
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

  private void name(JsonGenerator g, String name) throws IOException {
    SerializedString encoded = names.get(name);
    if (encoded != null) {
      g.writeFieldName(encoded);
    } else {
      g.writeFieldName(name);
    }
  }

  /** JSON written as it comes, kept as {@link Written} bytes; structure calls as Jackson's. */
  final class Writer {
    private final Blocks out = new Blocks();
    private final JsonGenerator g;

    private Writer() throws IOException {
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
      return io(() -> {
        g.writeStartObject();
        for (Map.Entry<String, Object> e : object.entrySet()) {
          if (keep.test(e.getKey())) {
            name(g, e.getKey());
            JsonBodies.this.value(g, e.getValue());
          }
        }
        g.writeEndObject();
      });
    }

    Written finish() {
      io(() -> g.close());
      return out.written();
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

  /**
   * A body already written: its bytes in blocks, so a body of tens of megabytes is neither grown
   * by copying nor copied whole once more at the end.
   */
  record Written(List<ByteBuffer> blocks, long size) {}

  /** An output stream into blocks of {@link #BLOCK} bytes (the first one smaller). */
  private static final class Blocks extends OutputStream {
    static final int FIRST = 4096;
    static final int BLOCK = 64 * 1024;
    private final List<byte[]> full = new ArrayList<>();
    private byte[] current = new byte[FIRST];
    private int used;

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      while (len > 0) {
        if (used == current.length) {
          full.add(current);
          current = new byte[BLOCK];
          used = 0;
        }
        int n = Math.min(len, current.length - used);
        System.arraycopy(b, off, current, used, n);
        used += n;
        off += n;
        len -= n;
      }
    }

    Written written() {
      List<ByteBuffer> blocks = new ArrayList<>(full.size() + 1);
      long size = used;
      for (byte[] b : full) {
        blocks.add(ByteBuffer.wrap(b));
        size += b.length;
      }
      blocks.add(ByteBuffer.wrap(current, 0, used));
      return new Written(blocks, size);
    }
  }
}
