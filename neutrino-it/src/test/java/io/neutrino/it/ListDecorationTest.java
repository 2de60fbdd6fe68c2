package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lists long enough that the side tables (tags, security groups, bindings, port security) are
 * read by key range, dense and sparse, on every database: each port must still carry exactly its
 * own rows.
 */
class ListDecorationTest {
  static TestServer s;

  @BeforeAll
  static void start() {
    s = TestServer.start();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyPortOfALongListCarriesItsOwnTagsGroupsAndBinding() {
    String net = (String) s.post("/v2.0/networks", Map.of("network", Map.of("name", "long-list")))
        .member("network").get("id");
    s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", net, "cidr", "10.77.0.0/20", "ip_version", 4)));
    String sg = (String) s.post("/v2.0/security-groups", Map.of("security_group", Map.of("name", "odd")))
        .member("security_group").get("id");
    List<Map<String, Object>> bodies = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      bodies.add(i % 3 == 0
          ? Map.of("network_id", net, "device_id", "dev" + i, "security_groups", List.of(sg),
              "binding:host_id", "host-" + i)
          : Map.of("network_id", net, "device_id", "dev" + i));
    }
    var created = s.post("/v2.0/ports", Map.of("ports", bodies));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    List<Map<String, Object>> ports = created.list("ports");
    Set<Object> tagged = new HashSet<>();
    for (int i = 0; i < ports.size(); i += 7) {
      Object id = ports.get(i).get("id");
      assertThat(s.put("/v2.0/ports/" + id + "/tags", Map.of("tags", List.of("t" + i, "seven"))).status())
          .isEqualTo(200);
      tagged.add(id);
    }
    // Every port (dense: the whole table), then every fourth by device id (sparse).
    List<Map<String, Object>> all = s.get("/v2.0/ports?network_id=" + net).list("ports");
    assertThat(all).hasSize(300);
    StringBuilder sparse = new StringBuilder("/v2.0/ports?");
    for (int i = 0; i < 300; i += 4) {
      sparse.append("device_id=dev").append(i).append('&');
    }
    List<Map<String, Object>> some = s.get(sparse.toString()).list("ports");
    assertThat(some).hasSize(75);
    for (List<Map<String, Object>> list : List.of(all, some)) {
      for (Map<String, Object> p : list) {
        int i = Integer.parseInt(((String) p.get("device_id")).substring(3));
        List<String> groups = (List<String>) p.get("security_groups");
        if (i % 3 == 0) {
          assertThat(groups).containsExactly(sg);
          assertThat(p.get("binding:host_id")).isEqualTo("host-" + i);
        } else {
          assertThat(groups).hasSize(1).doesNotContain(sg);
          assertThat(p.get("binding:host_id")).isEqualTo("");
        }
        assertThat(p.get("binding:vnic_type")).isEqualTo("normal");
        assertThat(p.get("port_security_enabled")).isEqualTo(true);
        List<String> tags = (List<String>) p.get("tags");
        if (tagged.contains(p.get("id"))) {
          assertThat(tags).containsExactlyInAnyOrder("t" + i, "seven");
        } else {
          assertThat(tags).isEmpty();
        }
      }
    }
  }
}
