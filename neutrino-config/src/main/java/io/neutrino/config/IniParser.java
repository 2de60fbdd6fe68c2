package io.neutrino.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parser for the INI dialect of oslo.config ({@code oslo_config/iniparser.py} plus the
 * {@code ConfigParser} of {@code cfg.py}), as used for {@code neutron.conf} and
 * {@code ml2_conf.ini}.
 *
 * <p>Rules (each mirrors oslo.config):
 * <ul>
 *   <li>Trailing whitespace of every line is ignored; a blank line ends a multi-line value.</li>
 *   <li>A line starting with a space or tab is a continuation: it is left-stripped and appended
 *       to the value of the preceding assignment, joined with {@code "\n"}. A continuation with
 *       no preceding assignment (e.g. right after a section header or a comment) is an error.
 *       Note that an <em>indented</em> {@code #} line after an assignment is a continuation,
 *       not a comment.</li>
 *   <li>{@code [name]} starts a section; the line must end with {@code ]} and the name must not be
 *       empty. The name is not stripped. Section names are normalised as oslo.config does when it
 *       looks options up: {@code DEFAULT} stays {@code DEFAULT}, every other name is lower-cased
 *       (so {@code [Database]} and {@code [database]} are the same section).</li>
 *   <li>Lines starting with {@code #} or {@code ;} are comments. There are no inline comments:
 *       {@code key = value ; text} has the value {@code value ; text}.</li>
 *   <li>{@code key = value} or {@code key: value}; whichever of {@code =} and {@code :} comes first
 *       separates key and value. Key and value are stripped; the value may be empty. A value
 *       enclosed in a matching pair of {@code "} or {@code '} has that pair removed.</li>
 *   <li>Keys are kept as written (case-sensitive, dashes are not turned into underscores: oslo.config
 *       looks options up in files by their underscore name, so a {@code foo-bar} key in a file
 *       is never found, see {@link Config}).</li>
 *   <li>A key repeated within a section collects all its values in order (multi-valued option).</li>
 *   <li>An assignment before the first section header, an empty key, or a line with no {@code =}
 *       nor {@code :} is an error naming the file and line number.</li>
 * </ul>
 *
 * <p>The result maps section name to key to the list of values, in file order. Sections that have
 * no keys are present with an empty map.
 */
public final class IniParser {

    /** The name of the default section. */
    public static final String DEFAULT = "DEFAULT";

    private IniParser() {
    }

    /**
     * Normalises a section name the way oslo.config does for look-ups: {@code DEFAULT} is kept,
     * anything else is lower-cased.
     */
    public static String normalizeSection(String name) {
        return DEFAULT.equals(name) ? name : name.toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a UTF-8 file.
     *
     * @throws ConfigException if the file is missing, unreadable or malformed
     */
    public static Map<String, Map<String, List<String>>> parse(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("Failed to find config file: " + file, e);
        } catch (CharacterCodingException e) {
            throw new ConfigException("Failed to parse " + file + ": not valid UTF-8", e);
        } catch (IOException e) {
            throw new ConfigException("Failed to read config file " + file + ": " + e, e);
        }
        return parse(file.toString(), content);
    }

    /** Parses {@code content}; {@code sourceName} is used in error messages. */
    public static Map<String, Map<String, List<String>>> parse(String sourceName, String content) {
        return parse(sourceName, new StringReader(content));
    }

    /** Parses the text read from {@code reader}; {@code sourceName} is used in error messages. */
    public static Map<String, Map<String, List<String>>> parse(String sourceName, Reader reader) {
        try {
            return new State(sourceName).run(new BufferedReader(reader));
        } catch (IOException e) {
            throw new ConfigException("Failed to read config file " + sourceName + ": " + e, e);
        }
    }

    private static final class State {
        private final String source;
        private final Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        private Map<String, List<String>> current;
        private String currentName;
        private int lineNo;
        // pending assignment
        private String key;
        private final List<String> value = new ArrayList<>();

        State(String source) {
            this.source = source;
        }

        Map<String, Map<String, List<String>>> run(BufferedReader in) throws IOException {
            String raw;
            while ((raw = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && raw.startsWith("\uFEFF")) {
                    raw = raw.substring(1); // tolerate a UTF-8 byte order mark
                }
                String line = raw.stripTrailing();
                if (line.isEmpty()) {
                    flush(); // a blank line ends a multi-line value
                    continue;
                }
                if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                    if (key == null) {
                        throw error("Unexpected continuation line", line);
                    }
                    value.add(line.strip());
                    continue;
                }
                flush();
                char c = line.charAt(0);
                if (c == '[') {
                    if (!line.endsWith("]")) {
                        throw error("Invalid section (must end with ])", line);
                    }
                    if (line.length() <= 2) {
                        throw error("Empty section name", line);
                    }
                    currentName = normalizeSection(line.substring(1, line.length() - 1));
                    current = sections.computeIfAbsent(currentName, k -> new LinkedHashMap<>());
                } else if (c == '#' || c == ';') {
                    continue; // comment
                } else {
                    splitKeyValue(line);
                }
            }
            flush();
            Map<String, Map<String, List<String>>> result = new LinkedHashMap<>();
            sections.forEach((name, keys) -> {
                Map<String, List<String>> copy = new LinkedHashMap<>();
                keys.forEach((k, v) -> copy.put(k, List.copyOf(v)));
                result.put(name, Collections.unmodifiableMap(copy));
            });
            return Collections.unmodifiableMap(result);
        }

        private void splitKeyValue(String line) {
            int colon = line.indexOf(':');
            int equal = line.indexOf('=');
            if (colon < 0 && equal < 0) {
                throw error("No ':' or '=' found in assignment", line);
            }
            int sep = (colon < 0 || (equal >= 0 && equal < colon)) ? equal : colon;
            String k = line.substring(0, sep).strip();
            String v = line.substring(sep + 1).strip();
            if (v.length() >= 1 && (v.charAt(0) == '"' || v.charAt(0) == '\'')
                    && v.charAt(v.length() - 1) == v.charAt(0)) {
                v = v.length() == 1 ? "" : v.substring(1, v.length() - 1);
            }
            if (k.isEmpty()) {
                throw error("Key cannot be empty", line);
            }
            if (current == null) {
                throw error("Section must be started before assignment", line);
            }
            key = k;
            value.clear();
            value.add(v);
        }

        private void flush() {
            if (key == null) {
                return;
            }
            current.computeIfAbsent(key, k -> new ArrayList<>()).add(String.join("\n", value));
            key = null;
            value.clear();
        }

        private ConfigException error(String message, String line) {
            return new ConfigException("Failed to parse " + source + ": at line " + lineNo + ", "
                    + message + ": '" + line + "'");
        }
    }
}
