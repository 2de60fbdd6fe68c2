package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
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
    s = TestServer.start(Map.of("DEFAULT", Map.of("service_plugins", "router")));
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

  /** The same tag API and filters on every other tagged collection (Zed's tag plugin). */
  @Test
  void everyTaggedCollection() {
    String[] ns = s.networkWithSubnet("10.60.0.0/24");
    String ext = RoutersTestHelper.external(s, "172.60.0.0/24");
    // collection -> {member key, id}
    Map<String, String[]> made = new LinkedHashMap<>();
    made.put("subnets", new String[] {"subnet", ns[1]});
    made.put("ports", created("ports", "port", Map.of("network_id", ns[0])));
    made.put("subnetpools", created("subnetpools", "subnetpool",
        Map.of("name", "sp", "prefixes", List.of("10.61.0.0/16"))));
    made.put("routers", created("routers", "router", Map.of("name", "r")));
    made.put("floatingips", created("floatingips", "floatingip", Map.of("floating_network_id", ext)));
    made.put("security-groups", created("security-groups", "security_group", Map.of("name", "g")));
    made.forEach((collection, memberAndId) -> {
      String member = memberAndId[0];
      String id = memberAndId[1];
      String list = collection.replace('-', '_');
      String item = "/v2.0/" + collection + "/" + id;
      String own = "b-" + collection;
      int revision = (Integer) s.get(item).member(member).get("revision_number");

      var put = s.put(item + "/tags", Map.of("tags", List.of(own, "a-common")));
      assertThat(put.status()).as(collection + ": " + put.raw().body()).isEqualTo(200);
      assertThat(put.body()).as(collection).isEqualTo(Map.of("tags", List.of("a-common", own)));
      assertThat(s.put(item + "/tags/c-extra", null).status()).as(collection).isEqualTo(201);
      assertThat(s.get(item + "/tags/c-extra").status()).as(collection).isEqualTo(204);
      var shown = s.get(item).member(member);
      assertThat(shown.get("tags")).as(collection).isEqualTo(List.of("a-common", own, "c-extra"));
      assertThat(shown.get("revision_number")).as(collection).isEqualTo(revision + 2);

      assertThat(listed(collection, list, "tags=" + own)).as(collection).containsExactly(id);
      assertThat(listed(collection, list, "tags=" + own + ",nope")).as(collection).isEmpty();
      assertThat(listed(collection, list, "tags-any=nope," + own)).as(collection).containsExactly(id);
      assertThat(listed(collection, list, "not-tags=a-common")).as(collection).doesNotContain(id);
      assertThat(listed(collection, list, "not-tags-any=nope")).as(collection).contains(id);

      assertThat(s.delete(item + "/tags/c-extra").status()).as(collection).isEqualTo(204);
      assertThat(s.delete(item + "/tags/c-extra").errorType()).as(collection).isEqualTo("TagNotFound");
      assertThat(s.delete(item + "/tags").status()).as(collection).isEqualTo(204);
      assertThat(s.get(item + "/tags").body()).as(collection).isEqualTo(Map.of("tags", List.of()));
    });
  }

  private String[] created(String collection, String member, Map<String, Object> body) {
    var r = s.post("/v2.0/" + collection, Map.of(member, body));
    assertThat(r.status()).as(collection + ": " + r.raw().body()).isEqualTo(201);
    return new String[] {member, (String) r.member(member).get("id")};
  }

  private List<Object> listed(String collection, String list, String query) {
    var r = s.get("/v2.0/" + collection + "?" + query);
    assertThat(r.status()).as(collection + "?" + query + ": " + r.raw().body()).isEqualTo(200);
    return r.list(list).stream().map(x -> x.get("id")).toList();
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
