package io.neutrino.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.helpers.MessageFormatter;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;

class ConfigTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    private static Config of(String section, String key, String... values) {
        return Config.of(Map.of(section, Map.of(key, List.of(values))));
    }

    @Test
    void laterFilesWinForSingleValues() throws Exception {
        Path a = write("a.conf", "[DEFAULT]\ncore_plugin = ml2\nbind_port = 9696\n[database]\nconnection = sqlite://\n");
        Path b = write("b.conf", "[DEFAULT]\ncore_plugin = other\n");
        Config c = Config.load(List.of(a, b), List.of());
        assertThat(c.get("DEFAULT", "core_plugin")).contains("other");
        assertThat(c.get("DEFAULT", "bind_port")).contains("9696");
        assertThat(c.get("database", "connection")).contains("sqlite://");
        assertThat(c.sourceFiles()).containsExactly(a, b);

        Config reversed = Config.load(List.of(b, a), List.of());
        assertThat(reversed.get("DEFAULT", "core_plugin")).contains("ml2");
    }

    @Test
    void lastValueWithinAFileWins() throws Exception {
        Path a = write("a.conf", "[DEFAULT]\nk = 1\nk = 2\n");
        assertThat(Config.load(List.of(a), List.of()).get("DEFAULT", "k")).contains("2");
    }

    @Test
    void multiValuesConcatenatedAcrossFiles() throws Exception {
        Path a = write("a.conf", "[DEFAULT]\nk = 1\nk = 2\n");
        Path b = write("b.conf", "[DEFAULT]\nk = 3\n");
        Config c = Config.load(List.of(a, b), List.of());
        assertThat(c.getAll("DEFAULT", "k")).containsExactly("1", "2", "3");
        assertThat(c.get("DEFAULT", "k")).contains("3");
        assertThat(c.getAll("DEFAULT", "missing")).isEmpty();
    }

    @Test
    void configDirReadsSortedConfFilesAfterFiles() throws Exception {
        Path main = write("neutron.conf", "[DEFAULT]\na = main\nb = main\nc = main\nm = 0\n");
        Path d = dir.resolve("neutron.conf.d");
        write("neutron.conf.d/20-second.conf", "[DEFAULT]\nb = second\nm = 2\n");
        write("neutron.conf.d/10-first.conf", "[DEFAULT]\na = first\nb = first\nm = 1\n");
        write("neutron.conf.d/30-ignored.ini", "[DEFAULT]\nc = ignored\n");
        write("neutron.conf.d/.hidden.conf", "[DEFAULT]\nc = hidden\n");
        Files.createDirectories(d.resolve("sub.conf"));
        Config c = Config.load(List.of(main), List.of(d));
        assertThat(c.get("DEFAULT", "a")).contains("first");
        assertThat(c.get("DEFAULT", "b")).contains("second");
        assertThat(c.get("DEFAULT", "c")).contains("main");
        assertThat(c.getAll("DEFAULT", "m")).containsExactly("0", "1", "2");
        assertThat(c.sourceFiles()).containsExactly(main, d.resolve("10-first.conf"), d.resolve("20-second.conf"));
    }

    @Test
    void missingFileOrDirIsAnError() throws Exception {
        Path ok = write("ok.conf", "[DEFAULT]\n");
        assertThatThrownBy(() -> Config.load(List.of(ok, dir.resolve("nope.conf")), List.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nope.conf");
        assertThatThrownBy(() -> Config.load(List.of(ok), List.of(dir.resolve("nope.d"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nope.d");
        assertThatThrownBy(() -> Config.load(List.of(), List.of(ok)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ok.conf");
    }

    @Test
    void parseErrorInLoadedFile() throws Exception {
        Path bad = write("bad.conf", "[DEFAULT]\na = 1\nnonsense\n");
        assertThatThrownBy(() -> Config.load(List.of(bad), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bad.conf").hasMessageContaining("line 3");
    }

    @Test
    void emptyDirAndNoFiles() throws Exception {
        Path d = Files.createDirectories(dir.resolve("empty.d"));
        Config c = Config.load(List.of(), List.of(d));
        assertThat(c.sections()).isEmpty();
        assertThat(c.unusedOptions()).isEmpty();
    }

    @Test
    void defaultSectionIsNotVisibleFromOtherSections() {
        Config c = Config.of(Map.of("DEFAULT", Map.of("debug", List.of("true")), "agent", Map.of()));
        assertThat(c.get("agent", "debug")).isEmpty();
        assertThat(c.getBool("agent", "debug", false)).isFalse();
        assertThat(c.get("DEFAULT", "debug")).contains("true");
    }

    @Test
    void sectionNamesAndDashedKeysLookedUpLikeOslo() {
        Config c = Config.of(Map.of("Database", Map.of("max_pool_size", List.of("5"), "foo-bar", List.of("x"))));
        assertThat(c.sections()).containsExactly("database");
        assertThat(c.get("database", "max_pool_size")).contains("5");
        assertThat(c.get("DATABASE", "max-pool-size")).contains("5");
        // oslo looks up option 'foo-bar' as 'foo_bar': a dashed key in a file is never found
        assertThat(c.get("database", "foo-bar")).isEmpty();
        assertThat(c.unusedOptions()).containsExactly("[database] foo-bar");
    }

    @Test
    void getWithDefault() {
        Config c = of("DEFAULT", "host", "node1");
        assertThat(c.get("DEFAULT", "host", "x")).isEqualTo("node1");
        assertThat(c.get("DEFAULT", "other", "x")).isEqualTo("x");
        assertThat(c.get("DEFAULT", "other", null)).isNull();
        assertThat(of("DEFAULT", "host", "").get("DEFAULT", "host", "x")).isEqualTo("");
    }

    @Test
    void booleans() {
        for (String t : List.of("true", "TRUE", "True", "yes", "YES", "on", "On", "1")) {
            assertThat(of("DEFAULT", "b", t).getBool("DEFAULT", "b", false)).as(t).isTrue();
        }
        for (String f : List.of("false", "FALSE", "False", "no", "NO", "off", "OFF", "0")) {
            assertThat(of("DEFAULT", "b", f).getBool("DEFAULT", "b", true)).as(f).isFalse();
        }
        assertThat(Config.empty().getBool("DEFAULT", "b", true)).isTrue();
        assertThat(Config.empty().getBool("DEFAULT", "b", false)).isFalse();
    }

    @Test
    void badBooleans() {
        for (String bad : List.of("", "maybe", "2", "t", "y", "enabled")) {
            ConfigException e = catchThrowableOfType(
                    () -> of("securitygroup", "enable_ipset", bad).getBool("securitygroup", "enable_ipset", true),
                    ConfigException.class);
            assertThat(e).as(bad).isNotNull();
            assertThat(e.section()).isEqualTo("securitygroup");
            assertThat(e.key()).isEqualTo("enable_ipset");
            assertThat(e.getMessage()).startsWith("[securitygroup] enable_ipset: invalid value '" + bad + "'");
        }
    }

    @Test
    void integers() {
        assertThat(of("DEFAULT", "api_workers", "4").getInt("DEFAULT", "api_workers", 1)).isEqualTo(4);
        assertThat(of("DEFAULT", "i", "-12").getInt("DEFAULT", "i", 1)).isEqualTo(-12);
        assertThat(of("DEFAULT", "i", "+7").getInt("DEFAULT", "i", 1)).isEqualTo(7);
        assertThat(of("DEFAULT", "i", "").getInt("DEFAULT", "i", 3)).isEqualTo(3);
        assertThat(Config.empty().getInt("DEFAULT", "i", 9)).isEqualTo(9);
        for (String bad : List.of("abc", "1.5", "12abc", "99999999999")) {
            assertThatThrownBy(() -> of("DEFAULT", "bind_port", bad).getInt("DEFAULT", "bind_port", 9696))
                    .as(bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("[DEFAULT] bind_port: invalid value '" + bad + "'");
        }
    }

    @Test
    void lists() {
        assertThat(of("ml2", "type_drivers", "flat,vxlan").getList("ml2", "type_drivers", List.of()))
                .containsExactly("flat", "vxlan");
        assertThat(of("ml2", "l", " a , b ,, c, ").getList("ml2", "l", List.of()))
                .containsExactly("a", "b", "c");
        assertThat(of("ml2", "l", "").getList("ml2", "l", List.of("dflt"))).isEmpty();
        assertThat(of("ml2", "l", "single").getList("ml2", "l", List.of())).containsExactly("single");
        assertThat(Config.empty().getList("ml2", "l", List.of("d"))).containsExactly("d");
    }

    @Test
    void sectionReturnsLastValuesAndSectionsListsAll() throws Exception {
        Path a = write("a.conf", "[DEFAULT]\nx = 1\n[ml2]\nt = a\nt = b\nm = 1\n[empty]\n");
        Path b = write("b.conf", "[ml2]\nm = 2\n[nova]\nregion_name = r\n");
        Config c = Config.load(List.of(a, b), List.of());
        assertThat(c.sections()).containsExactly("DEFAULT", "ml2", "empty", "nova");
        assertThat(c.section("ml2")).containsExactly(Map.entry("t", "b"), Map.entry("m", "2"));
        assertThat(c.section("missing")).isEmpty();
        assertThat(c.section("empty")).isEmpty();
    }

    @Test
    void emptyConfig() {
        Config c = Config.empty();
        assertThat(c.sections()).isEmpty();
        assertThat(c.get("DEFAULT", "x")).isEmpty();
        assertThat(c.section("DEFAULT")).isEmpty();
        assertThat(c.unusedOptions()).isEmpty();
    }

    @Test
    void immutability() {
        Config c = Config.of(Map.of("DEFAULT", Map.of("k", new ArrayList<>(List.of("1", "2")))));
        assertThatThrownBy(() -> c.getAll("DEFAULT", "k").add("3")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.section("DEFAULT").put("a", "b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.sections().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void useTracking() throws Exception {
        Path a = write("a.conf", "[DEFAULT]\ncore_plugin = ml2\ndebug = true\nworkers = 2\n"
                + "[database]\nconnection = sqlite://\n[ml2]\ntype_drivers = flat\nmechanism_drivers = ovs\n"
                + "[cors]\nallowed_origin = *\n");
        Config c = Config.load(List.of(a), List.of());
        assertThat(c.unusedOptions()).containsExactly("[DEFAULT] core_plugin", "[DEFAULT] debug",
                "[DEFAULT] workers", "[database] connection", "[ml2] type_drivers", "[ml2] mechanism_drivers",
                "[cors] allowed_origin");
        c.get("DEFAULT", "core_plugin");
        c.getBool("DEFAULT", "debug", false);
        c.getInt("DEFAULT", "workers", 1);
        c.get("database", "connection", null);
        c.getList("ml2", "type_drivers", List.of());
        c.getAll("ml2", "mechanism_drivers");
        c.get("DEFAULT", "never_set");
        assertThat(c.unusedOptions()).containsExactly("[cors] allowed_origin");
        c.section("cors");
        assertThat(c.unusedOptions()).isEmpty();
    }

    @Test
    void readEvenWhenConversionFails() {
        Config c = of("DEFAULT", "workers", "many");
        assertThatThrownBy(() -> c.getInt("DEFAULT", "workers", 1)).isInstanceOf(ConfigException.class);
        assertThat(c.unusedOptions()).isEmpty();
    }

    @Test
    void logIgnoredLogsEachOptionOnce() {
        Config c = Config.of(Map.of("cors", Map.of("allowed_origin", List.of("*")),
                "DEFAULT", Map.of("core_plugin", List.of("ml2"))));
        c.get("DEFAULT", "core_plugin");
        RecordingLogger log = new RecordingLogger();
        c.logIgnored(log.logger);
        c.logIgnored(log.logger);
        assertThat(log.infos).containsExactly(
                "Option [cors] allowed_origin is not implemented by Neutrino and is ignored");
    }

    /** One file for the server and the agents: each reports only what nobody else reads. */
    @Test
    void serverAndAgentsReportOnlyTheirOwnSections() {
        Config c = Config.of(Map.of("linux_bridge", Map.of("physical_interface_mappings", List.of("p:eth1")),
                "DEFAULT", Map.of("bind_port", List.of("9696"), "typo_option", List.of("1")),
                "vxlan", Map.of("enable_vxlan_typo", List.of("true"))));
        c.get("DEFAULT", "bind_port");
        RecordingLogger server = new RecordingLogger();
        c.logIgnored(server.logger, section -> !Config.AGENT_SECTIONS.contains(section));
        assertThat(server.infos).containsExactly(
                "Option [DEFAULT] typo_option is not implemented by Neutrino and is ignored");
        Config agentView = Config.of(Map.of("linux_bridge", Map.of("physical_interface_mappings", List.of("p:eth1")),
                "DEFAULT", Map.of("bind_port", List.of("9696")),
                "vxlan", Map.of("enable_vxlan_typo", List.of("true"))));
        agentView.get("linux_bridge", "physical_interface_mappings");
        RecordingLogger agent = new RecordingLogger();
        agentView.logIgnored(agent.logger, Config.AGENT_SECTIONS::contains);
        assertThat(agent.infos).containsExactly(
                "Option [vxlan] enable_vxlan_typo is not implemented by Neutrino and is ignored");
    }

    @Test
    void trackingIsThreadSafe() throws Exception {
        Map<String, List<String>> keys = new java.util.HashMap<>();
        for (int i = 0; i < 200; i++) {
            keys.put("k" + i, List.of(Integer.toString(i)));
        }
        Config c = Config.of(Map.of("s", keys));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        CyclicBarrier allRead = new CyclicBarrier(4);
        RecordingLogger log = new RecordingLogger();
        for (int t = 0; t < 4; t++) {
            int offset = t;
            pool.submit(() -> {
                start.await();
                for (int i = offset; i < 200; i += 4) {
                    if (i % 2 == 0) {
                        c.getInt("s", "k" + i, 0);
                    }
                }
                allRead.await(); // log concurrently, after every read
                c.logIgnored(log.logger);
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(c.unusedOptions()).hasSize(100).allMatch(s -> Integer.parseInt(s.substring("[s] k".length())) % 2 == 1);
        c.logIgnored(log.logger);
        assertThat(log.infos).hasSize(100).doesNotHaveDuplicates();
    }

    /** Collects INFO messages (formatted); every other call is a no-op. */
    static final class RecordingLogger {
        final List<String> infos = java.util.Collections.synchronizedList(new ArrayList<>());
        final Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(),
                new Class<?>[] {Logger.class}, (proxy, method, args) -> {
                    if (method.getName().equals("info") && args != null && args[0] instanceof String format) {
                        Object[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
                        if (rest.length == 1 && rest[0] instanceof Object[] varargs) {
                            rest = varargs;
                        }
                        infos.add(MessageFormatter.arrayFormat(format, rest).getMessage());
                    }
                    if (method.getReturnType() == boolean.class) {
                        return true;
                    }
                    if (method.getName().equals("getName")) {
                        return "test";
                    }
                    return null;
                });
    }
}
