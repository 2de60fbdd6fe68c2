package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A port list longer than the pages the server reads it in (500 rows) and longer than the part
 * of an answer it holds back (256 KiB, beyond which the answer is sent as it is written): the same
 * ports, in order, whole or paged by markers, with filters applied in memory across pages.
 */
class LongListTest {
  static final int PORTS = 2_500;
  static TestServer s;
  static String net;
  /** The ids of the ports on the hosted network, ascending. */
  static List<String> ids;
  /** Of those, the ports bound to host "h3" (every third one created). */
  static List<String> onH3;

  @BeforeAll
  static void start() {
    s = TestServer.start(Map.of("quotas", Map.of("quota_port", "-1")));
    net = s.networkWithSubnet("10.78.0.0/20")[0];
    List<Map<String, Object>> created = new ArrayList<>();
    for (int from = 0; from < PORTS; from += 500) {
      List<Map<String, Object>> bodies = new ArrayList<>();
      for (int i = from; i < from + 500; i++) {
        bodies.add(i % 3 == 0
            ? Map.of("network_id", net, "name", "long-" + i, "binding:host_id", "h3")
            : Map.of("network_id", net, "name", "long-" + i));
      }
      var reply = s.post("/v2.0/ports", Map.of("ports", bodies));
      assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
      created.addAll(reply.list("ports"));
    }
    created.sort(Comparator.comparing(p -> (String) p.get("id")));
    ids = created.stream().map(p -> (String) p.get("id")).toList();
    onH3 = created.stream().filter(p -> "h3".equals(p.get("binding:host_id")))
        .map(p -> (String) p.get("id")).toList();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static List<String> idsOf(TestServer.Reply reply) {
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
    return reply.list("ports").stream().map(p -> (String) p.get("id")).toList();
  }

  @Test
  void theWholeListIsEveryPortInOrder() {
    var reply = s.get("/v2.0/ports?network_id=" + net);
    assertThat(reply.raw().body().length()).as("longer than what the server holds back").isGreaterThan(1 << 20);
    assertThat(idsOf(reply)).containsExactlyElementsOf(ids);
    assertThat(reply.list("ports")).allSatisfy(p -> assertThat(p).containsKeys("fixed_ips", "binding:vif_type"));
    List<String> descending = new ArrayList<>(ids);
    descending.sort(Comparator.reverseOrder());
    assertThat(idsOf(s.get("/v2.0/ports?sort_key=id&sort_dir=desc&fields=id&network_id=" + net)))
        .containsExactlyElementsOf(descending);
  }

  @Test
  void pagesFollowedByMarkerMakeTheWholeList() {
    List<String> seen = new ArrayList<>();
    String marker = null;
    while (true) {
      List<String> page = idsOf(s.get("/v2.0/ports?fields=id&limit=1200&network_id=" + net
          + (marker == null ? "" : "&marker=" + marker)));
      seen.addAll(page);
      if (page.size() < 1200) {
        break;
      }
      marker = page.get(page.size() - 1);
    }
    assertThat(seen).containsExactlyElementsOf(ids);
  }

  @Test
  void aFilterAppliedInMemoryKeepsItsLimitAcrossPages() {
    // binding:host_id is not a column of ports: matched after decoration, page by page.
    assertThat(idsOf(s.get("/v2.0/ports?binding:host_id=h3&limit=700&network_id=" + net)))
        .containsExactlyElementsOf(onH3.subList(0, 700));
    assertThat(idsOf(s.get("/v2.0/ports?binding:host_id=h3&network_id=" + net)))
        .containsExactlyElementsOf(onH3);
  }
}
