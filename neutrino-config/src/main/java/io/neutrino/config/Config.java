package io.neutrino.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * The merged content of neutron-server's configuration files, with oslo.config semantics.
 * Immutable once loaded; safe to share between threads.
 *
 * <p>Semantics (mirroring oslo.config):
 * <ul>
 *   <li>Files are read in order ({@code --config-file} ones first, then for every
 *       {@code --config-dir} all its {@code *.conf} files, hidden files excluded, in sorted
 *       order). For a single-valued look-up the last value wins: the last occurrence in the last
 *       file that sets the option.</li>
 *   <li>{@link #getAll} returns every value of a (multi-valued) option, concatenated across files
 *       in file order.</li>
 *   <li>Sections are independent: a key in {@code [DEFAULT]} is not visible from other sections.</li>
 *   <li>Section names are looked up normalised ({@code DEFAULT} as is, others lower-cased), keys
 *       are looked up with {@code -} replaced by {@code _} (oslo.config's option {@code dest});
 *       keys in files are taken literally.</li>
 * </ul>
 *
 * <p>Every {@code get*}/{@link #section} call records the options it looks at, so that
 * {@link #unusedOptions()} can list the options present in files that Neutrino never read.
 */
public final class Config {

    private static final Set<String> TRUE_VALUES = Set.of("true", "1", "on", "yes");
    private static final Set<String> FALSE_VALUES = Set.of("false", "0", "off", "no");

    /** section -> key -> all values, concatenated across files in order. */
    private final Map<String, Map<String, List<String>>> values;
    private final List<Path> sourceFiles;
    private final Set<String> read = ConcurrentHashMap.newKeySet();
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    private Config(Map<String, Map<String, List<String>>> values, List<Path> sourceFiles) {
        this.values = values;
        this.sourceFiles = sourceFiles;
    }

    /**
     * Loads the given files, then the {@code *.conf} files of each directory (sorted by name).
     *
     * @throws ConfigException if a file or directory does not exist, cannot be read or a file is
     *     malformed
     */
    public static Config load(List<Path> configFiles, List<Path> configDirs) {
        List<Path> files = new ArrayList<>();
        for (Path file : configFiles) {
            if (!Files.exists(file)) {
                throw new ConfigException("Failed to find config file: " + file);
            }
            files.add(file);
        }
        for (Path dir : configDirs) {
            files.addAll(confFilesIn(dir));
        }
        List<Map<String, Map<String, List<String>>>> parsed = new ArrayList<>();
        for (Path file : files) {
            parsed.add(IniParser.parse(file));
        }
        return new Config(merge(parsed), List.copyOf(files));
    }

    /**
     * A configuration made of one in-memory "file" (for tests). Section names are normalised as
     * when parsing a file.
     */
    public static Config of(Map<String, Map<String, List<String>>> sections) {
        Map<String, Map<String, List<String>>> normalised = new LinkedHashMap<>();
        sections.forEach((section, keys) -> {
            Map<String, List<String>> target =
                    normalised.computeIfAbsent(IniParser.normalizeSection(section), s -> new LinkedHashMap<>());
            keys.forEach((key, vals) -> target.computeIfAbsent(key, k -> new ArrayList<>()).addAll(vals));
        });
        return new Config(merge(List.of(normalised)), List.of());
    }

    /** A configuration with no options at all. */
    public static Config empty() {
        return new Config(Map.of(), List.of());
    }

    private static List<Path> confFilesIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("Failed to read config file directory: " + dir);
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.conf")) {
            for (Path p : stream) {
                // like Python's glob: hidden files are not matched by '*'
                if (!p.getFileName().toString().startsWith(".") && Files.isRegularFile(p)) {
                    found.add(p);
                }
            }
        } catch (IOException e) {
            throw new ConfigException("Failed to read config file directory: " + dir + ": " + e, e);
        }
        found.sort((a, b) -> a.toString().compareTo(b.toString()));
        return found;
    }

    private static Map<String, Map<String, List<String>>> merge(List<Map<String, Map<String, List<String>>>> files) {
        Map<String, Map<String, List<String>>> merged = new LinkedHashMap<>();
        for (Map<String, Map<String, List<String>>> file : files) {
            file.forEach((section, keys) -> {
                Map<String, List<String>> target = merged.computeIfAbsent(section, s -> new LinkedHashMap<>());
                keys.forEach((key, vals) -> target.computeIfAbsent(key, k -> new ArrayList<>()).addAll(vals));
            });
        }
        Map<String, Map<String, List<String>>> frozen = new LinkedHashMap<>();
        merged.forEach((section, keys) -> {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            keys.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            frozen.put(section, Collections.unmodifiableMap(copy));
        });
        return Collections.unmodifiableMap(frozen);
    }

    // ------------------------------------------------------------------------------------------
    // look-ups

    /** The files that were read, in the order they were read. */
    public List<Path> sourceFiles() {
        return sourceFiles;
    }

    /** The last value of the option, if it is set anywhere. */
    public Optional<String> get(String section, String key) {
        List<String> all = lookup(section, key);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The last value of the option, or {@code dflt} if it is not set. */
    public String get(String section, String key, String dflt) {
        return get(section, key).orElse(dflt);
    }

    /** All values of a multi-valued option, across all files in order; empty if not set. */
    public List<String> getAll(String section, String key) {
        return lookup(section, key);
    }

    /**
     * A boolean option: {@code true/false/yes/no/on/off/1/0}, case-insensitive.
     *
     * @throws ConfigException for any other value (including an empty one)
     */
    public boolean getBool(String section, String key, boolean dflt) {
        Optional<String> value = get(section, key);
        if (value.isEmpty()) {
            return dflt;
        }
        String s = value.get().strip().toLowerCase(Locale.ROOT);
        if (TRUE_VALUES.contains(s)) {
            return true;
        }
        if (FALSE_VALUES.contains(s)) {
            return false;
        }
        throw ConfigException.badValue(section, normalizeKey(key), value.get(),
                "expected a boolean (true/false, yes/no, on/off, 1/0)");
    }

    /**
     * An integer option. An empty value counts as not set.
     *
     * @throws ConfigException if the value is not an integer
     */
    public int getInt(String section, String key, int dflt) {
        Optional<String> value = get(section, key);
        if (value.isEmpty() || value.get().isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(value.get().strip());
        } catch (NumberFormatException e) {
            throw ConfigException.badValue(section, normalizeKey(key), value.get(), "expected an integer");
        }
    }

    /**
     * A list option: the last value split on commas, items stripped, empty items dropped
     * ({@code key =} gives an empty list); {@code dflt} if the option is not set.
     */
    public List<String> getList(String section, String key, List<String> dflt) {
        Optional<String> value = get(section, key);
        return value.isEmpty() ? dflt : splitList(value.get());
    }

    /** Splits a comma-separated list, stripping items and dropping empty ones. */
    public static List<String> splitList(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            String s = item.strip();
            if (!s.isEmpty()) {
                items.add(s);
            }
        }
        return List.copyOf(items);
    }

    /**
     * All options of a section with their last values, in file order; empty if the section does
     * not exist. Marks every option of the section as read.
     */
    public Map<String, String> section(String name) {
        String section = IniParser.normalizeSection(name);
        Map<String, List<String>> keys = values.getOrDefault(section, Map.of());
        Map<String, String> result = new LinkedHashMap<>();
        keys.forEach((k, v) -> {
            read.add(id(section, k));
            result.put(k, v.get(v.size() - 1));
        });
        return Collections.unmodifiableMap(result);
    }

    /** The names of all sections present in the files (normalised), in order of appearance. */
    public Set<String> sections() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(values.keySet()));
    }

    private List<String> lookup(String section, String key) {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(key, "key");
        String s = IniParser.normalizeSection(section);
        String k = normalizeKey(key);
        read.add(id(s, k));
        Map<String, List<String>> keys = values.get(s);
        if (keys == null) {
            return List.of();
        }
        return keys.getOrDefault(k, List.of());
    }

    private static String normalizeKey(String key) {
        return key.replace('-', '_');
    }

    private static String id(String section, String key) {
        return section + '\u0000' + key;
    }

    // ------------------------------------------------------------------------------------------
    // use tracking

    /**
     * The options present in the files that have never been read, as {@code "[section] key"},
     * in file order.
     */
    public List<String> unusedOptions() {
        List<String> unused = new ArrayList<>();
        values.forEach((section, keys) -> keys.keySet().forEach(key -> {
            if (!read.contains(id(section, key))) {
                unused.add("[" + section + "] " + key);
            }
        }));
        return List.copyOf(unused);
    }

    /**
     * Logs at INFO every option that is currently unused and has not been logged before:
     * {@code Option [section] key is not implemented by Neutrino and is ignored}.
     */
    public void logIgnored(Logger log) {
        logIgnored(log, section -> true);
    }

    /**
     * {@link #logIgnored(Logger)} for the options of the sections {@code sections} accepts: one
     * file may serve the server and every agent, and what one process does not read may be
     * another's (see {@link #AGENT_SECTIONS}).
     */
    public void logIgnored(Logger log, java.util.function.Predicate<String> sections) {
        for (String option : unusedOptions()) {
            String section = option.substring(1, option.indexOf(']'));
            if (sections.test(section) && logged.add(option)) {
                log.info("Option {} is not implemented by Neutrino and is ignored", option);
            }
        }
    }

    /**
     * The sections only agents read (as Neutron's agents do): the server does not report their
     * options as ignored, and an agent reports only these, the rest of a shared file being the
     * server's.
     */
    public static final java.util.Set<String> AGENT_SECTIONS =
            java.util.Set.of("agent", "AGENT", "linux_bridge", "vxlan", "securitygroup");

    @Override
    public String toString() {
        return "Config" + sourceFiles;
    }
}
