package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.neutrino.server.NeutrinoServer;
import io.neutrino.config.Config;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
