package io.neutrino.server.config;

import io.neutrino.config.ConfigException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JDBC connection derived from {@code [database] connection}, which may be an SQLAlchemy URL
 * (as written for neutron-server) or a JDBC URL.
 *
 * @param jdbcUrl the JDBC URL, without user and password for converted SQLAlchemy URLs
 * @param user the user name, or null
 * @param password the password, or null
 * @param vendor the database vendor
 */
public record DatabaseUrl(String jdbcUrl, String user, String password, Vendor vendor) {

    /** Supported database vendors. */
    public enum Vendor { H2, POSTGRESQL, MARIADB }

    static final String SECTION = "database";
    static final String KEY = "connection";

    /** In-memory H2 database used for {@code sqlite://}. */
    public static final String H2_MEMORY_URL = "jdbc:h2:mem:neutrino;DB_CLOSE_DELAY=-1";

    /**
     * Settings for the embedded H2 file database.
     * <ul>
     *   <li>{@code AUTO_SERVER=FALSE}: only this process opens the file (exclusive file lock).</li>
     *   <li>{@code LOCK_TIMEOUT=10000}: under MVCC, a transaction waiting for a row locked by a
     *       concurrent one waits up to 10s instead of H2's 1s default before failing.</li>
     *   <li>{@code WRITE_DELAY=100}: commits are group-written by the MVStore background writer at
     *       most 100 ms later (H2 default 500 ms), so many small concurrent transactions do not each
     *       pay for a file write, while at most ~100 ms of commits can be lost on a power failure
     *       or hard kill (never corruption: MVStore is append-only with checksums).</li>
     *   <li>{@code DB_CLOSE_ON_EXIT=TRUE} (H2 default, left as is): the JVM shutdown hook closes the
     *       database cleanly, flushing pending writes.</li>
     * </ul>
     */
    public static final String H2_EMBEDDED_SETTINGS = ";AUTO_SERVER=FALSE;LOCK_TIMEOUT=10000;WRITE_DELAY=100";

    private static final int MARIADB_PORT = 3306;
    private static final int POSTGRESQL_PORT = 5432;

    /** {@code dialect[+driver]://rest}. */
    private static final Pattern SQLALCHEMY = Pattern.compile("^([A-Za-z][A-Za-z0-9]*)(?:\\+([A-Za-z0-9_]+))?://(.*)$", Pattern.DOTALL);

    /** The part after {@code ://}, as SQLAlchemy's {@code _parse_url} splits it. */
    private static final Pattern NETWORK = Pattern.compile(
            "^(?:(?<user>[^:/]*)(?::(?<password>[^@]*))?@)?"
                    + "(?:\\[(?<ipv6>[^/?\\]]+)]|(?<host>[^/:?\\[]*))?"
                    + "(?::(?<port>[^/?]*))?"
                    + "(?:/(?<db>[^?]*))?"
                    + "(?:\\?(?<query>.*))?$", Pattern.DOTALL);

    /** Never show the password. */
    @Override
    public String toString() {
        return "DatabaseUrl[jdbcUrl=" + redact(jdbcUrl) + ", user=" + user + ", password="
                + (password == null ? "null" : "****") + ", vendor=" + vendor + "]";
    }

    /**
     * Parses {@code [database] connection}.
     *
     * @throws ConfigException (for {@code [database] connection}) if the URL is not supported
     */
    public static DatabaseUrl parse(String connection) {
        if (connection == null || connection.isBlank()) {
            throw new ConfigException(SECTION, KEY, "no database connection URL");
        }
        String url = connection.strip();
        if (url.regionMatches(true, 0, "jdbc:", 0, 5)) {
            return parseJdbc(url);
        }
        Matcher m = SQLALCHEMY.matcher(url);
        if (!m.matches()) {
            throw bad(url, "not an SQLAlchemy or JDBC URL");
        }
        String dialect = m.group(1).toLowerCase(Locale.ROOT);
        String rest = m.group(3);
        switch (dialect) {
            case "sqlite":
                return sqlite(rest);
            case "mysql":
            case "mariadb":
                return network(url, rest, Vendor.MARIADB);
            case "postgresql":
            case "postgres":
                return network(url, rest, Vendor.POSTGRESQL);
            default:
                throw bad(url, "unsupported database dialect '" + m.group(1)
                        + "' (supported: mysql, mariadb, postgresql, sqlite)");
        }
    }

    /**
     * The default embedded database: an H2 file {@code <statePath>/neutrino} (absolute) with
     * {@link #H2_EMBEDDED_SETTINGS}.
     */
    public static DatabaseUrl embedded(Path statePath) {
        String path = statePath.toAbsolutePath().normalize().resolve("neutrino").toString();
        if (path.indexOf(';') >= 0) {
            throw ConfigException.badValue("DEFAULT", "state_path", statePath.toString(),
                    "a path containing ';' cannot be used for the embedded H2 database");
        }
        return new DatabaseUrl("jdbc:h2:file:" + path + H2_EMBEDDED_SETTINGS, null, null, Vendor.H2);
    }

    // ------------------------------------------------------------------------------------------

    private static DatabaseUrl parseJdbc(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            String user = null;
            String password = null;
            String[] parts = url.split(";");
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String name = parts[i].substring(0, eq).strip().toUpperCase(Locale.ROOT);
                if (name.equals("USER")) {
                    user = parts[i].substring(eq + 1);
                } else if (name.equals("PASSWORD")) {
                    password = parts[i].substring(eq + 1);
                }
            }
            return new DatabaseUrl(url, user, password, Vendor.H2);
        }
        Vendor vendor;
        if (lower.startsWith("jdbc:postgresql:")) {
            vendor = Vendor.POSTGRESQL;
        } else if (lower.startsWith("jdbc:mariadb:")) {
            vendor = Vendor.MARIADB;
        } else if (lower.startsWith("jdbc:mysql:")) {
            vendor = Vendor.MARIADB;
            url = "jdbc:mariadb:" + url.substring("jdbc:mysql:".length());
        } else {
            throw bad(url, "unsupported JDBC URL (supported: jdbc:h2:, jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql:)");
        }
        String user = null;
        String password = null;
        int q = url.indexOf('?');
        if (q >= 0) {
            Map<String, String> params = query(url.substring(q + 1));
            user = params.get("user");
            password = params.get("password");
        }
        return new DatabaseUrl(url, user, password, vendor);
    }

    private static DatabaseUrl sqlite(String rest) {
        // sqlite:// and sqlite:///:memory: are in memory; sqlite:///rel/path is relative,
        // sqlite:////abs/path absolute (SQLAlchemy semantics).
        int q = rest.indexOf('?');
        String path = q >= 0 ? rest.substring(0, q) : rest;
        if (path.startsWith("/")) {
            path = path.substring(1);
        } else if (!path.isEmpty()) {
            throw bad("sqlite://" + rest, "expected sqlite:// or sqlite:///<path>");
        }
        if (path.isEmpty() || path.equals(":memory:")) {
            return new DatabaseUrl(H2_MEMORY_URL, null, null, Vendor.H2);
        }
        path = decode(path);
        for (String suffix : new String[] {".sqlite3", ".sqlite", ".db"}) {
            if (path.endsWith(suffix) && path.length() > suffix.length()) {
                path = path.substring(0, path.length() - suffix.length());
                break;
            }
        }
        boolean absolute = path.startsWith("/") || path.matches("^[A-Za-z]:[/\\\\].*");
        if (!absolute && !path.startsWith("./") && !path.startsWith("../") && !path.startsWith("~")) {
            path = "./" + path; // H2 2.x rejects implicitly relative paths
        }
        return new DatabaseUrl("jdbc:h2:file:" + path, null, null, Vendor.H2);
    }

    private static DatabaseUrl network(String url, String rest, Vendor vendor) {
        Matcher m = NETWORK.matcher(rest);
        if (!m.matches()) {
            throw bad(url, "cannot parse host and database");
        }
        String user = m.group("user") == null || m.group("user").isEmpty() ? null : decode(m.group("user"));
        String password = m.group("password") == null ? null : decode(m.group("password"));
        String host;
        if (m.group("ipv6") != null) {
            host = "[" + m.group("ipv6") + "]";
        } else if (m.group("host") != null && !m.group("host").isEmpty()) {
            host = decode(m.group("host"));
        } else {
            host = "localhost";
        }
        int port;
        String portText = m.group("port");
        if (portText == null || portText.isEmpty()) {
            port = vendor == Vendor.MARIADB ? MARIADB_PORT : POSTGRESQL_PORT;
        } else {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw bad(url, "invalid port '" + portText + "'");
            }
            if (port < 1 || port > 65535) {
                throw bad(url, "invalid port '" + portText + "'");
            }
        }
        String db = m.group("db") == null ? "" : m.group("db");
        Map<String, String> params = m.group("query") == null ? Map.of() : query(m.group("query"));

        StringJoiner jdbcParams = new StringJoiner("&", "?", "").setEmptyValue("");
        if (vendor == Vendor.MARIADB) {
            // pymysql/mysqldb arguments: only the unix socket has a JDBC equivalent; charset
            // (the driver always speaks utf8mb4), read_default_file etc. are dropped.
            putIf(jdbcParams, "localSocket", params.get("unix_socket"));
        } else {
            putIf(jdbcParams, "sslmode", params.get("sslmode"));
            putIf(jdbcParams, "connectTimeout", params.get("connect_timeout"));
            putIf(jdbcParams, "ApplicationName", params.get("application_name"));
        }
        String scheme = vendor == Vendor.MARIADB ? "jdbc:mariadb://" : "jdbc:postgresql://";
        return new DatabaseUrl(scheme + host + ":" + port + "/" + db + jdbcParams, user, password, vendor);
    }

    private static void putIf(StringJoiner joiner, String name, String value) {
        if (value != null) {
            joiner.add(name + "=" + java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static Map<String, String> query(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.put(name, value); // last one wins
        }
        return params;
    }

    /** Percent-decoding as SQLAlchemy does ('+' stays '+'). */
    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SECTION, KEY, "invalid percent-encoding in database URL");
        }
    }

    private static ConfigException bad(String url, String reason) {
        return ConfigException.badValue(SECTION, KEY, redact(url), reason);
    }

    /** Replaces the password of {@code user:password@} and {@code password=} parameters by ****. */
    static String redact(String url) {
        if (url == null) {
            return null;
        }
        String s = url.replaceAll("(://[^:/@]*:)[^@]*@", "$1****@");
        return s.replaceAll("(?i)((?:[?&;])password=)[^&;]*", "$1****");
    }
}
