package io.neutrino.config;

/**
 * A configuration problem: an unreadable or unparsable file, a missing file or directory,
 * or an option whose value cannot be converted.
 *
 * <p>{@link #section()} and {@link #key()} identify the offending option when there is one;
 * both are {@code null} for file-level errors (and {@code key()} is {@code null} for
 * section-level errors). The message always names the option when one is known, e.g.
 * {@code [ml2_type_vlan] network_vlan_ranges: invalid value 'abc'}.
 */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String section;
    private final String key;

    /** A file-level error, not tied to an option. */
    public ConfigException(String message) {
        this(null, null, message, null);
    }

    /** A file-level error, not tied to an option. */
    public ConfigException(String message, Throwable cause) {
        this(null, null, message, cause);
    }

    /**
     * An error about an option (or a whole section when {@code key} is null). The message is
     * prefixed with {@code "[section] key: "}.
     */
    public ConfigException(String section, String key, String message) {
        this(section, key, message, null);
    }

    public ConfigException(String section, String key, String message, Throwable cause) {
        super(prefix(section, key) + message, cause);
        this.section = section;
        this.key = key;
    }

    /**
     * The value of an option is invalid: {@code [section] key: invalid value 'value': reason}
     * (the reason part is omitted when {@code reason} is null or blank).
     */
    public static ConfigException badValue(String section, String key, String value, String reason) {
        String msg = "invalid value '" + value + "'";
        if (reason != null && !reason.isBlank()) {
            msg += ": " + reason;
        }
        return new ConfigException(section, key, msg);
    }

    /** The section of the offending option, or null for file-level errors. */
    public String section() {
        return section;
    }

    /** The key of the offending option, or null for file- and section-level errors. */
    public String key() {
        return key;
    }

    private static String prefix(String section, String key) {
        if (section == null && key == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        if (section != null) {
            sb.append('[').append(section).append(']');
        }
        if (key != null) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(key);
        }
        return sb.append(": ").toString();
    }
}
