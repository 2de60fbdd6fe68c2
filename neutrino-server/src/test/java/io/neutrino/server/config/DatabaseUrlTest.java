package io.neutrino.server.config;

import io.neutrino.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.neutrino.server.config.DatabaseUrl.Vendor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseUrlTest {

    private static void assertUrl(String connection, String jdbc, String user, String password, Vendor vendor) {
        DatabaseUrl u = DatabaseUrl.parse(connection);
        assertThat(u.jdbcUrl()).as(connection).isEqualTo(jdbc);
        assertThat(u.user()).as(connection).isEqualTo(user);
        assertThat(u.password()).as(connection).isEqualTo(password);
        assertThat(u.vendor()).as(connection).isEqualTo(vendor);
    }

    @Test
    void mysqlFlavoursBecomeMariadb() {
        assertUrl("mysql+pymysql://neutron:secret@controller/neutron?charset=utf8",
                "jdbc:mariadb://controller:3306/neutron", "neutron", "secret", Vendor.MARIADB);
        assertUrl("mysql+pymysql://neutron:secret@controller:3307/neutron",
                "jdbc:mariadb://controller:3307/neutron", "neutron", "secret", Vendor.MARIADB);
        assertUrl("mysql://root:pw@127.0.0.1/neutron", "jdbc:mariadb://127.0.0.1:3306/neutron", "root", "pw", Vendor.MARIADB);
        assertUrl("mariadb://u:p@db/n", "jdbc:mariadb://db:3306/n", "u", "p", Vendor.MARIADB);
        assertUrl("mysql+mysqldb://u:p@db/n?charset=utf8&read_default_file=/etc/my.cnf",
                "jdbc:mariadb://db:3306/n", "u", "p", Vendor.MARIADB);
        assertUrl("mysql+pymysql://u:p@/n?unix_socket=/run/mysqld/mysqld.sock",
                "jdbc:mariadb://localhost:3306/n?localSocket=%2Frun%2Fmysqld%2Fmysqld.sock", "u", "p", Vendor.MARIADB);
    }

    @Test
    void postgresql() {
        assertUrl("postgresql://neutron:pw@db/neutron", "jdbc:postgresql://db:5432/neutron", "neutron", "pw", Vendor.POSTGRESQL);
        assertUrl("postgresql+psycopg2://neutron:pw@db:6432/neutron?client_encoding=utf8",
                "jdbc:postgresql://db:6432/neutron", "neutron", "pw", Vendor.POSTGRESQL);
        assertUrl("postgresql://u:p@db/n?sslmode=require",
                "jdbc:postgresql://db:5432/n?sslmode=require", "u", "p", Vendor.POSTGRESQL);
    }

    @Test
    void userInfoVariants() {
        assertUrl("mysql+pymysql://p%40ss%3Aw%2Frd:s%23cr%25t@h/n", "jdbc:mariadb://h:3306/n", "p@ss:w/rd", "s#cr%t", Vendor.MARIADB);
        assertUrl("mysql://user@h/n", "jdbc:mariadb://h:3306/n", "user", null, Vendor.MARIADB);
        assertUrl("mysql://h/n", "jdbc:mariadb://h:3306/n", null, null, Vendor.MARIADB);
        assertUrl("mysql://u:a+b@h/n", "jdbc:mariadb://h:3306/n", "u", "a+b", Vendor.MARIADB);
        assertUrl("mysql://u:@h/n", "jdbc:mariadb://h:3306/n", "u", "", Vendor.MARIADB);
        assertUrl("postgresql://u:p@[::1]:5433/n", "jdbc:postgresql://[::1]:5433/n", "u", "p", Vendor.POSTGRESQL);
        assertUrl("postgresql://u:p@[fd00::2]/n", "jdbc:postgresql://[fd00::2]:5432/n", "u", "p", Vendor.POSTGRESQL);
    }

    @Test
    void sqliteMapsToH2() {
        assertUrl("sqlite://", "jdbc:h2:mem:neutrino;DB_CLOSE_DELAY=-1", null, null, Vendor.H2);
        assertUrl("sqlite:///:memory:", "jdbc:h2:mem:neutrino;DB_CLOSE_DELAY=-1", null, null, Vendor.H2);
        assertUrl("sqlite:////var/lib/neutron/neutron.sqlite", "jdbc:h2:file:/var/lib/neutron/neutron", null, null, Vendor.H2);
        assertUrl("sqlite:////tmp/n.db", "jdbc:h2:file:/tmp/n", null, null, Vendor.H2);
        assertUrl("sqlite:////tmp/neutron", "jdbc:h2:file:/tmp/neutron", null, null, Vendor.H2);
        // three slashes: relative path, as in SQLAlchemy (H2 needs an explicit ./)
        assertUrl("sqlite:///var/lib/neutron/neutrondb", "jdbc:h2:file:./var/lib/neutron/neutrondb", null, null, Vendor.H2);
        assertUrl("sqlite:///neutron.db", "jdbc:h2:file:./neutron", null, null, Vendor.H2);
    }

    @Test
    void jdbcPassThrough() {
        assertUrl("jdbc:h2:mem:test", "jdbc:h2:mem:test", null, null, Vendor.H2);
        assertUrl("jdbc:h2:file:/x/db;USER=sa;password=pw", "jdbc:h2:file:/x/db;USER=sa;password=pw", "sa", "pw", Vendor.H2);
        assertUrl("jdbc:postgresql://db:5432/n", "jdbc:postgresql://db:5432/n", null, null, Vendor.POSTGRESQL);
        assertUrl("jdbc:postgresql://db/n?user=u&password=p%26q&ssl=true",
                "jdbc:postgresql://db/n?user=u&password=p%26q&ssl=true", "u", "p&q", Vendor.POSTGRESQL);
        assertUrl("jdbc:mariadb://db:3306/n?user=u&password=p", "jdbc:mariadb://db:3306/n?user=u&password=p", "u", "p", Vendor.MARIADB);
        assertUrl("jdbc:mysql://db:3306/n?user=u", "jdbc:mariadb://db:3306/n?user=u", "u", null, Vendor.MARIADB);
    }

    @Test
    void unsupportedUrls() {
        for (String bad : List.of("", "   ", "oracle://u:p@h/db", "mssql+pyodbc://u:p@h/db", "jdbc:oracle:thin:@h:1521:x",
                "not a url", "mysql://u:p@h:notaport/n", "mysql://u:p@h:0/n", "sqlite:/x")) {
            ConfigException e = catchThrowableOfType(() -> DatabaseUrl.parse(bad), ConfigException.class);
            assertThat(e).as(bad).isNotNull();
            assertThat(e.section()).isEqualTo("database");
            assertThat(e.key()).isEqualTo("connection");
            assertThat(e.getMessage()).startsWith("[database] connection: ");
        }
        assertThat(catchThrowableOfType(() -> DatabaseUrl.parse(null), ConfigException.class)).isNotNull();
    }

    @Test
    void passwordsNeverShown() {
        ConfigException e = catchThrowableOfType(() -> DatabaseUrl.parse("oracle://scott:tiger@h/db"), ConfigException.class);
        assertThat(e.getMessage()).doesNotContain("tiger").contains("scott");
        DatabaseUrl u = DatabaseUrl.parse("mysql://u:topsecret@h/n");
        assertThat(u.toString()).doesNotContain("topsecret").contains("****");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h/n?user=u&password=topsecret").toString())
                .doesNotContain("topsecret");
    }

    @Test
    void embedded(@TempDir Path dir) throws Exception {
        DatabaseUrl u = DatabaseUrl.embedded(dir.resolve("state/../state"));
        Path expected = dir.toAbsolutePath().normalize().resolve("state").resolve("neutrino");
        assertThat(u.jdbcUrl()).startsWith("jdbc:h2:file:" + expected + ";").contains("AUTO_SERVER=FALSE");
        assertThat(u.vendor()).isEqualTo(Vendor.H2);
        assertThat(u.user()).isNull();
        assertThat(u.password()).isNull();

        // H2 accepts the settings and creates the database
        Files.createDirectories(dir.resolve("state"));
        try (Connection c = DriverManager.getConnection(u.jdbcUrl(), "", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            s.execute("INSERT INTO t VALUES (1)");
            try (ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                    + " WHERE SETTING_NAME = 'WRITE_DELAY'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(100);
            }
            s.execute("SHUTDOWN");
        }
        assertThat(Files.exists(expected.resolveSibling("neutrino.mv.db"))).isTrue();
    }

    @Test
    void relativeStatePathMadeAbsolute() {
        DatabaseUrl u = DatabaseUrl.embedded(Path.of("relative/state"));
        assertThat(u.jdbcUrl()).startsWith("jdbc:h2:file:" + Path.of("relative/state").toAbsolutePath().normalize() + "/neutrino;");
    }
}
