package io.neutrino.server.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A paste-deploy ini file (api-paste.ini), parsed the way paste's ConfigParser does for the
 * subset Neutron uses.
 *
 * <ul>
 *   <li>Sections {@code [TYPE:NAME]} with TYPE one of {@code composite}, {@code pipeline},
 *       {@code filter}, {@code app} (paste's aliases {@code application}, {@code filter-app} are
 *       recognised by name only); {@code [DEFAULT]} is the global_conf.
 *   <li>{@code key = value} or {@code key: value}; the first {@code =} or {@code :} separates, so
 *       urlmap lines like {@code /v2.0: neutronapi_v2_0} work. Keys keep their case (paste sets
 *       {@code optionxform = str}). Whole-line comments start with {@code #} or {@code ;};
 *       indented lines continue the previous value (joined with a newline).
 *   <li>{@code %(name)s} interpolation from the section, then [DEFAULT], then {@code here} and
 *       {@code __file__}; {@code %%} is a literal percent.
 * </ul>
 *
 * Not supported (they raise or are left as text): {@code config:} references, inline comments.
 */
public final class PasteConfig {

  /** One {@code [type:name]} section. {@code entries} keep file order and raw (interpolated) values. */
  public record Section(String type, String name, Map<String, String> entries) {
    public Section {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public String header() {
      return type + ":" + name;
    }

    public Optional<String> get(String key) {
      return Optional.ofNullable(entries.get(key));
    }

    /** The factory key for this section type ({@code paste.filter_factory} ...). */
    public Optional<String> factoryKey() {
      return switch (type) {
        case "filter" -> get("paste.filter_factory");
        case "app", "application" -> get("paste.app_factory");
        case "composite" -> get("paste.composite_factory");
        default -> Optional.empty();
      };
    }

    /**
     * The local_conf paste passes to the factory: every key except {@code use}, the
     * {@code paste.*} factory keys, {@code filter-with}, and paste's {@code set}/{@code get} forms.
     */
    public Map<String, String> localConf() {
      Map<String, String> out = new LinkedHashMap<>();
      entries.forEach(
          (k, v) -> {
            if (k.equals("use")
                || k.startsWith("paste.")
                || k.equals("filter-with")
                || k.startsWith("set ")
                || k.startsWith("get ")) {
              return;
            }
            out.put(k, v);
          });
      return out;
    }
  }

  private final Map<String, String> defaults;
  private final Map<String, Section> sections; // by "type:name"
  private final String source;

  private PasteConfig(Map<String, String> defaults, Map<String, Section> sections, String source) {
    this.defaults = Collections.unmodifiableMap(defaults);
    this.sections = Collections.unmodifiableMap(sections);
    this.source = source;
  }

  public static PasteConfig parse(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Path abs = file.toAbsolutePath();
      Path dir = abs.getParent();
      return parse(r, abs.toString(), dir == null ? "" : dir.toString());
    } catch (IOException e) {
      throw new PipelineException("Cannot read paste config " + file + ": " + e.getMessage(), e);
    }
  }

  public static PasteConfig parse(Reader reader) {
    return parse(reader, "<api-paste.ini>", "");
  }

  /**
   * @param source name used in error messages and as {@code %(__file__)s}
   * @param here directory used as {@code %(here)s}
   */
  public static PasteConfig parse(Reader reader, String source, String here) {
    Map<String, Map<String, String>> raw = new LinkedHashMap<>();
    Map<String, String> defaults = new LinkedHashMap<>();
    Map<String, String> current = null;
    String lastKey = null;
    int lineNo = 0;
    try {
      BufferedReader br =
          reader instanceof BufferedReader b ? b : new BufferedReader(reader);
      String line;
      while ((line = br.readLine()) != null) {
        lineNo++;
        if (lineNo == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        String trimmed = line.strip();
        boolean indented = !line.isEmpty() && Character.isWhitespace(line.charAt(0));
        if (trimmed.isEmpty()) {
          lastKey = null;
          continue;
        }
        if (trimmed.startsWith("#") || trimmed.startsWith(";")) {
          continue;
        }
        if (indented && current != null && lastKey != null) {
          String prev = current.get(lastKey);
          current.put(lastKey, prev.isEmpty() ? trimmed : prev + "\n" + trimmed);
          continue;
        }
        if (trimmed.startsWith("[")) {
          if (!trimmed.endsWith("]")) {
            throw new PipelineException(source + ":" + lineNo + ": malformed section header: " + line);
          }
          String header = trimmed.substring(1, trimmed.length() - 1).strip();
          if (header.equals("DEFAULT")) {
            current = defaults;
          } else {
            String key = normaliseHeader(header, source, lineNo);
            if (raw.containsKey(key)) {
              throw new PipelineException(source + ":" + lineNo + ": duplicate section [" + header + "]");
            }
            current = new LinkedHashMap<>();
            raw.put(key, current);
          }
          lastKey = null;
          continue;
        }
        if (current == null) {
          throw new PipelineException(source + ":" + lineNo + ": key outside of any section: " + line);
        }
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        int sep = eq < 0 ? colon : (colon < 0 ? eq : Math.min(eq, colon));
        if (sep <= 0) {
          throw new PipelineException(source + ":" + lineNo + ": expected 'key = value': " + line);
        }
        String k = line.substring(0, sep).strip();
        String v = line.substring(sep + 1).strip();
        if (k.isEmpty()) {
          throw new PipelineException(source + ":" + lineNo + ": empty key: " + line);
        }
        current.put(k, v);
        lastKey = k;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    Map<String, String> base = new LinkedHashMap<>();
    base.put("here", here);
    base.put("__file__", source);
    Map<String, String> interpolatedDefaults = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : defaults.entrySet()) {
      interpolatedDefaults.put(e.getKey(), interpolate(e.getValue(), defaults, base, source, "DEFAULT"));
    }
    Map<String, Section> sections = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, String>> e : raw.entrySet()) {
      int c = e.getKey().indexOf(':');
      String type = e.getKey().substring(0, c);
      String name = e.getKey().substring(c + 1);
      Map<String, String> vals = new LinkedHashMap<>();
      Map<String, String> scope = new LinkedHashMap<>(defaults);
      scope.putAll(e.getValue());
      for (Map.Entry<String, String> kv : e.getValue().entrySet()) {
        vals.put(kv.getKey(), interpolate(kv.getValue(), scope, base, source, e.getKey()));
      }
      sections.put(e.getKey(), new Section(type, name, vals));
    }
    return new PasteConfig(interpolatedDefaults, sections, source);
  }

  private static String normaliseHeader(String header, String source, int lineNo) {
    int c = header.indexOf(':');
    if (c <= 0 || c == header.length() - 1) {
      throw new PipelineException(
          source + ":" + lineNo + ": section [" + header + "] is not of the form [type:name]");
    }
    String type = header.substring(0, c).strip().toLowerCase(Locale.ROOT);
    String name = header.substring(c + 1).strip();
    return type + ":" + name;
  }

  private static String interpolate(
      String value, Map<String, String> scope, Map<String, String> base, String source, String where) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    return interpolate(value, scope, base, source, where, 0);
  }

  private static String interpolate(
      String value, Map<String, String> scope, Map<String, String> base, String source, String where, int depth) {
    if (depth > 10) {
      throw new PipelineException(source + ": [" + where + "] interpolation too deep in: " + value);
    }
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < value.length()) {
      char ch = value.charAt(i);
      if (ch != '%') {
        sb.append(ch);
        i++;
        continue;
      }
      if (value.startsWith("%%", i)) {
        sb.append('%');
        i += 2;
      } else if (value.startsWith("%(", i)) {
        int end = value.indexOf(")s", i);
        if (end < 0) {
          throw new PipelineException(source + ": [" + where + "] bad interpolation syntax in: " + value);
        }
        String name = value.substring(i + 2, end);
        String repl = scope.containsKey(name) ? scope.get(name) : base.get(name);
        if (repl == null) {
          throw new PipelineException(
              source + ": [" + where + "] unknown interpolation key '" + name + "' in: " + value);
        }
        sb.append(interpolate(repl, scope, base, source, where, depth + 1));
        i = end + 2;
      } else {
        throw new PipelineException(source + ": [" + where + "] '%' must be followed by '%' or '(' in: " + value);
      }
    }
    return sb.toString();
  }

  /** The [DEFAULT] section: paste's global_conf. */
  public Map<String, String> defaults() {
    return defaults;
  }

  public String source() {
    return source;
  }

  public List<Section> sections() {
    return new ArrayList<>(sections.values());
  }

  public Optional<Section> section(String type, String name) {
    return Optional.ofNullable(sections.get(type.toLowerCase(Locale.ROOT) + ":" + name));
  }

  /**
   * The section an app reference resolves to, as paste's loader.get_app does: an explicit
   * {@code type:name} or the first of app, application, composite, pipeline, filter-app.
   */
  public Optional<Section> findApp(String name) {
    return find(name, List.of("app", "application", "composite", "pipeline", "filter-app"));
  }

  /** The section a filter reference resolves to ({@code filter:name}, or explicit type:name). */
  public Optional<Section> findFilter(String name) {
    return find(name, List.of("filter"));
  }

  private Optional<Section> find(String name, List<String> types) {
    int c = name.indexOf(':');
    if (c > 0) {
      String t = name.substring(0, c).toLowerCase(Locale.ROOT);
      if (types.contains(t)) {
        return section(t, name.substring(c + 1));
      }
    }
    for (String t : types) {
      Section s = sections.get(t + ":" + name);
      if (s != null) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
