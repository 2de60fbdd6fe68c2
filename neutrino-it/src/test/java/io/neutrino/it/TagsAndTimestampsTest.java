package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** standard-attr-tag (sub-resource and filters), standard-attr-timestamp, revisions. */
class TagsAndTimestampsTest {
  static TestServer s;

  @BeforeAll
  static void start() {
    s = TestServer.start();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private String network(String name) {
    return (String) s.post("/v2.0/networks", Map.of("network", Map.of("name", name))).member("network").get("id");
  }

  @Test
  void tagSubResourceAndFilters() {
    String a = network("tag-a");
    String b = network("tag-b");
    assertThat(s.put("/v2.0/networks/" + a + "/tags", Map.of("tags", List.of("red", "blue"))).body())
        .isEqualTo(Map.of("tags", List.of("blue", "red")));
    assertThat(s.put("/v2.0/networks/" + b + "/tags/red", null).status()).isEqualTo(201);
    assertThat(s.get("/v2.0/networks/" + b + "/tags/red").status()).isEqualTo(204);
    assertThat(s.get("/v2.0/networks/" + b + "/tags/green").errorType()).isEqualTo("TagNotFound");
    assertThat(s.get("/v2.0/networks/" + a).member("network").get("tags")).isEqualTo(List.of("blue", "red"));
    assertThat(s.get("/v2.0/networks/" + a).member("network").get("revision_number")).isEqualTo(2);

    assertThat(ids("/v2.0/networks?tags=red")).contains(a, b);
    assertThat(ids("/v2.0/networks?tags=red,blue")).contains(a).doesNotContain(b);
    assertThat(ids("/v2.0/networks?tags-any=blue,green")).contains(a).doesNotContain(b);
    assertThat(ids("/v2.0/networks?not-tags=red,blue")).contains(b).doesNotContain(a);
    assertThat(ids("/v2.0/networks?not-tags-any=blue")).contains(b).doesNotContain(a);

    assertThat(s.delete("/v2.0/networks/" + a + "/tags/red").status()).isEqualTo(204);
    assertThat(s.delete("/v2.0/networks/" + a + "/tags/red").status()).isEqualTo(404);
    assertThat(s.delete("/v2.0/networks/" + a + "/tags").status()).isEqualTo(204);
    assertThat(s.get("/v2.0/networks/" + a + "/tags").body()).isEqualTo(Map.of("tags", List.of()));
    assertThat(s.put("/v2.0/networks/" + a + "/tags", Map.of("tags", "red")).status()).isEqualTo(400);
    assertThat(s.put("/v2.0/networks/" + a + "/tags/x", null, "X-Project-Id", "someone-else").status())
        .isEqualTo(404);
    assertThat(s.get("/v2.0/networks/00000000-0000-0000-0000-000000000000/tags").status()).isEqualTo(404);
  }

  @Test
  void changedSinceAndTimestamps() {
    String id = network("ts");
    var net = s.get("/v2.0/networks/" + id).member("network");
    String created = (String) net.get("created_at");
    assertThat(created).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(ids("/v2.0/networks?changed_since=" + created)).contains(id);
    assertThat(ids("/v2.0/networks?changed_since=2999-01-01T00:00:00Z")).isEmpty();
    assertThat(s.get("/v2.0/networks?changed_since=yesterday").status()).isEqualTo(400);
  }

  private List<Object> ids(String path) {
    var r = s.get(path);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
    return r.list("networks").stream().map(n -> n.get("id")).toList();
  }
}
