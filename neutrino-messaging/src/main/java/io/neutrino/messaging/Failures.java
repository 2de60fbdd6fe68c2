package io.neutrino.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remote exceptions as oslo's serialize_remote_exception / deserialize_remote_exception: a JSON
 * string {@code {"class", "module", "message", "tb", "args", "kwargs"}} in the reply's
 * {@code failure}, raised on the caller as a {@link RemoteError}.
 */
final class Failures {
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
  };

  private Failures() {
  }

  /** The {@code failure} value for {@code t}; a {@link RemoteError} keeps its class and module. */
  static String serialize(Throwable t) {
    Map<String, Object> data = new LinkedHashMap<>();
    if (t instanceof RemoteError r) {
      data.put("class", r.excType());
      data.put("module", r.module());
      data.put("message", r.value());
      data.put("tb", r.traceback().isEmpty() ? traceback(t) : r.traceback());
      data.put("args", r.args() == null ? List.of(r.value()) : r.args());
      data.put("kwargs", r.kwargs() == null ? Map.of() : r.kwargs());
    } else {
      String message = t.getMessage() == null ? "" : t.getMessage();
      data.put("class", t.getClass().getSimpleName());
      data.put("module", t.getClass().getPackageName());
      data.put("message", message);
      data.put("tb", traceback(t));
      data.put("args", List.of(message));
      data.put("kwargs", Map.of());
    }
    try {
      return Wire.JSON.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      // args/kwargs an endpoint put in a RemoteError that JSON cannot carry: send the rest.
      data.put("args", List.of(String.valueOf(data.get("message"))));
      data.put("kwargs", Map.of());
      try {
        return Wire.JSON.writeValueAsString(data);
      } catch (JsonProcessingException again) {
        throw new IllegalStateException(again);
      }
    }
  }

  /** Traceback lines, each ending with a newline like Python's traceback.format_exception. */
  private static List<String> traceback(Throwable t) {
    List<String> lines = new ArrayList<>();
    lines.add(t + "\n");
    for (StackTraceElement e : t.getStackTrace()) {
      lines.add("  at " + e + "\n");
    }
    return lines;
  }

  /** The exception a reply's {@code failure} stands for. */
  @SuppressWarnings("unchecked")
  static RemoteError deserialize(Object failure) {
    Map<String, Object> data;
    try {
      data = failure instanceof Map<?, ?> m ? (Map<String, Object>) m : Wire.JSON.readValue(String.valueOf(failure), MAP);
    } catch (JsonProcessingException e) {
      return new RemoteError("", "RemoteError", String.valueOf(failure), List.of(), List.of(), Map.of());
    }
    List<String> tb = new ArrayList<>();
    if (data.get("tb") instanceof List<?> l) {
      l.forEach(x -> tb.add(String.valueOf(x)));
    }
    Object args = data.get("args");
    Object kwargs = data.get("kwargs");
    return new RemoteError(string(data.get("module")), string(data.getOrDefault("class", "Exception")),
        string(data.get("message")), tb, args instanceof List<?> a ? (List<Object>) a : List.of(),
        kwargs instanceof Map<?, ?> k ? (Map<String, Object>) k : Map.of());
  }

  private static String string(Object o) {
    return o == null ? "" : String.valueOf(o);
  }
}
