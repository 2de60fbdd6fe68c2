package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.neutrino.server.NeutrinoServer;
import io.neutrino.config.Config;
import io.neutrino.server.db.Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Boots NeutrinoServer from the stock Neutron Zed neutron.conf and ml2_conf.ini (plus a small
 * override file), the way an operator would, and checks that bad options stop the start.
 */
class ConfigBootTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ZED =
      Path.of(System.getProperty("user.dir")).resolve("../neutrino-config/src/test/resources/zed").normalize();

  @TempDir Path tmp;
  Path neutronConf;
  Path ml2Conf;

  @BeforeEach
  void copyZedFiles() throws Exception {
    // These tests use their own in-memory H2 database whatever -Dneutrino.test.db selects, so the
    // PostgreSQL and MariaDB executions exclude this class (see the module's pom).
    neutronConf = Files.copy(ZED.resolve("neutron.conf"), tmp.resolve("neutron.conf"));
    ml2Conf = Files.copy(ZED.resolve("ml2_conf.ini"), tmp.resolve("ml2_conf.ini"));
  }

  private Config config(String dbName, String extra) throws Exception {
    Path override = tmp.resolve("override-" + dbName + ".conf");
    Files.writeString(override, String.join("\n",
        "[DEFAULT]",
        "auth_strategy = noauth",
        "bind_port = 0",
        "service_plugins =",
        "[database]",
        "connection = jdbc:h2:mem:" + dbName + ";DB_CLOSE_DELAY=-1",
        "[ml2]",
        "mechanism_drivers =",
        "extension_drivers =",
        "") + extra);
    return Config.load(List.of(neutronConf, ml2Conf, override), List.of());
  }

  private static HttpResponse<String> call(NeutrinoServer server, String method, String path, Object body)
      throws Exception {
    var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @SuppressWarnings("unchecked")
  void bootsWithZedFiles() throws Exception {
    try (NeutrinoServer server = NeutrinoServer.start(config("zedboot", ""), getClass().getClassLoader())) {
      var list = call(server, "GET", "/v2.0/networks", null);
      assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
      assertThat(JSON.readValue(list.body(), Map.class)).containsKey("networks");

      var created = call(server, "POST", "/v2.0/networks", Map.of("network", Map.of("name", "zed")));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      var net = (Map<String, Object>) JSON.readValue(created.body(), Map.class).get("network");
      assertThat(net.get("provider:network_type")).isEqualTo("vxlan");
      assertThat(((Number) net.get("provider:segmentation_id")).intValue()).isBetween(1, 1000);
    }
  }

  /**
   * The stock files as an operator edits them for VLAN and VXLAN project networks: the allocation
   * tables hold every id of the configured ranges, free, and a project network takes one.
   */
  @Test
  void bootsWithZedFilesWithVlanAndVxlanRangesAndFillsTheAllocationTables() throws Exception {
    Files.writeString(ml2Conf, Files.readString(ml2Conf)
        .replace("type_drivers = flat,vxlan", "type_drivers = flat,vlan,vxlan")
        .replace("tenant_network_types = vxlan", "tenant_network_types = vlan,vxlan")
        .replace("#network_vlan_ranges =", "network_vlan_ranges = physnet1:100:199,physnet1:300:309,physnet2")
        .replace("#vxlan_group = <None>", "vxlan_group = 239.1.1.1"));
    Config c = config("zedranges", "");
    try (NeutrinoServer server = NeutrinoServer.start(c, getClass().getClassLoader())) {
      record Rows(String type, String physnet, long count, int min, int max, long allocated) {}
      List<Rows> rows = server.service(Database.class).read(h -> h.createQuery("SELECT network_type, "
              + "physical_network, COUNT(*), MIN(segmentation_id), MAX(segmentation_id), "
              + "SUM(CASE WHEN allocated THEN 1 ELSE 0 END) FROM segment_allocations "
              + "GROUP BY network_type, physical_network ORDER BY network_type, physical_network")
          .map((rs, ctx) -> new Rows(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getInt(5),
              rs.getLong(6)))
          .list());
      // physnet2 alone: every tag (neutron-lib's parse_network_vlan_ranges).
      assertThat(rows).containsExactly(new Rows("vlan", "physnet1", 110, 100, 309, 0),
          new Rows("vlan", "physnet2", 4094, 1, 4094, 0), new Rows("vxlan", "", 1000, 1, 1000, 0));
      var created = call(server, "POST", "/v2.0/networks", Map.of("network", Map.of("name", "zed")));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      var net = (Map<?, ?>) JSON.readValue(created.body(), Map.class).get("network");
      assertThat(net.get("provider:network_type")).isEqualTo("vlan");
      int allocated = server.service(Database.class).read(h -> h.createQuery(
          "SELECT COUNT(*) FROM segment_allocations WHERE allocated = ?").bind(0, true).mapTo(Integer.class).one());
      assertThat(allocated).isEqualTo(1);
      assertThat(c.unusedOptions()).doesNotContain("[ml2_type_vxlan] vxlan_group");
    }
  }

  /** A bad ML2 option, and what the one line stopping the start says. */
  static Stream<Arguments> badMl2Options() {
    return Stream.of(
        Arguments.of("[ml2]\nexternal_network_type = vlan\n",
            "[ml2] external_network_type: No type driver for external network_type: vlan. Service terminated!"),
        Arguments.of("[ml2_type_vxlan]\nvni_ranges = 10:1\n", "[ml2_type_vxlan] vni_ranges: invalid range '10:1'"),
        Arguments.of("[ml2_type_vxlan]\nvni_ranges = 1-1000\n", "[ml2_type_vxlan] vni_ranges: malformed range '1-1000'"),
        Arguments.of("[ml2_type_vxlan]\nvni_ranges = 1:16777216\n", "[ml2_type_vxlan] vni_ranges: invalid range"),
        Arguments.of("[ml2]\ntype_drivers = flat,vxlan,gre\n[ml2_type_gre]\ntunnel_id_ranges = 0:5\n",
            "[ml2_type_gre] tunnel_id_ranges: invalid range '0:5'"),
        Arguments.of("[ml2]\ntype_drivers = flat,vlan,vxlan\n[ml2_type_vlan]\nnetwork_vlan_ranges = physnet1:1:4095\n",
            "[ml2_type_vlan] network_vlan_ranges: invalid range 'physnet1:1:4095'"),
        Arguments.of("[ml2]\ntype_drivers = flat,vlan,vxlan\n[ml2_type_vlan]\nnetwork_vlan_ranges = :1:5\n",
            "[ml2_type_vlan] network_vlan_ranges: malformed range ':1:5'"),
        Arguments.of("[ml2]\nphysical_network_mtus = physnet1\n", "[ml2] physical_network_mtus: malformed entry 'physnet1'"),
        Arguments.of("[ml2]\npath_mtu = big\n", "[ml2] path_mtu: 'big' is not an integer"),
        Arguments.of("[ml2]\noverlay_ip_version = 5\n", "[ml2] overlay_ip_version: '5' is not 4 or 6"),
        Arguments.of("[DEFAULT]\nglobal_physnet_mtu = x\n", "[DEFAULT] global_physnet_mtu: 'x' is not an integer"),
        Arguments.of("[ml2]\ntype_drivers = flat,vxlan,geneve\n[ml2_type_geneve]\nmax_header_size = big\n",
            "[ml2_type_geneve] max_header_size: 'big' is not an integer"));
  }

  @ParameterizedTest
  @MethodSource("badMl2Options")
  void badMl2OptionStopsTheStartNamingIt(String extra, String message) throws Exception {
    Config c = config("zedml2bad" + Math.abs(extra.hashCode()), extra);
    assertThatThrownBy(() -> NeutrinoServer.start(c, getClass().getClassLoader()).close())
        .hasMessageContaining(message);
  }

  @Test
  void unknownCorePluginStopsTheStart() throws Exception {
    Config c = config("zedbad1", "[DEFAULT]\ncore_plugin = nosuch\n");
    assertThatThrownBy(() -> NeutrinoServer.start(c, getClass().getClassLoader()).close())
        .hasMessageContaining("core_plugin");
  }

  @Test
  void badTransportUrlStopsTheStartWithOneLine() throws Exception {
    Config c = config("zedbad3", "[DEFAULT]\ntransport_url = kafka://user:secret@h:9092/\n");
    assertThatThrownBy(() -> NeutrinoServer.start(c, getClass().getClassLoader()).close())
        .hasMessage("[DEFAULT] transport_url: invalid transport URL: unsupported transport driver 'kafka' "
            + "(supported: rabbit, memory, fake)");
  }

  @Test
  void unreachableBrokerStopsTheStartNamingTransportUrl() throws Exception {
    Config c = config("zedbad4", "[DEFAULT]\ntransport_url = rabbit://guest:secret@127.0.0.1:1/\n");
    assertThatThrownBy(() -> NeutrinoServer.start(c, getClass().getClassLoader()).close())
        .hasMessageStartingWith("[DEFAULT] transport_url: cannot connect to RabbitMQ at rabbit://guest:****@127.0.0.1:1/")
        .hasMessageNotContaining("secret");
  }

  @Test
  void badVlanRangeStopsTheStart() throws Exception {
    // The Zed ml2_conf.ini loads flat and vxlan only; the vlan driver must be loaded for its
    // ranges to be read, as in Neutron.
    Config c = config("zedbad2",
        "[ml2]\ntype_drivers = flat,vlan,vxlan\n[ml2_type_vlan]\nnetwork_vlan_ranges = physnet1:x:9\n");
    assertThatThrownBy(() -> NeutrinoServer.start(c, getClass().getClassLoader()).close())
        .hasMessageContaining("network_vlan_ranges");
  }
}
