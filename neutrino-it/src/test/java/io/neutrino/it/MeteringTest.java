package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Metering labels and rules (service plugin metering) as Neutron Zed and tempest's
 * admin/test_metering_extensions expect them.
 */
class MeteringTest {
  static TestServer s;

  @BeforeAll
  static void start() {
    s = TestServer.start(Map.of("DEFAULT", Map.of("service_plugins", "metering")));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static Map<String, Object> label(Object... kv) {
    var r = s.post("/v2.0/metering/metering-labels", Map.of("metering_label", map(kv)));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.member("metering_label");
  }

  static TestServer.Reply rule(Object... kv) {
    return s.post("/v2.0/metering/metering-label-rules", Map.of("metering_label_rule", map(kv)));
  }

  @Test
  void extensions() {
    assertThat(s.get("/v2.0/extensions").list("extensions")).extracting(e -> e.get("alias"))
        .contains("metering", "metering_source_and_destination_fields");
    assertThat(s.get("/v2.0/extensions/metering").status()).isEqualTo(200);
  }

  @Test
  void tempestLabels() {
    assertThat(s.get("/v2.0/metering/metering-labels?id=33").list("metering_labels")).isEmpty();
    var l = label("name", "metering-label-x", "description", "label created by tempest");
    assertThat(l).containsEntry("shared", false).containsEntry("name", "metering-label-x")
        .containsEntry("description", "label created by tempest").containsKeys("id", "project_id", "tenant_id");
    String id = (String) l.get("id");
    assertThat(s.get("/v2.0/metering/metering-labels?id=" + id).list("metering_labels")).hasSize(1);
    var shown = s.get("/v2.0/metering/metering-labels/" + id).member("metering_label");
    assertThat(shown.get("project_id")).isEqualTo(l.get("tenant_id"));
    assertThat(shown).containsEntry("name", "metering-label-x");
    assertThat(s.put("/v2.0/metering/metering-labels/" + id, Map.of("metering_label", Map.of())).status())
        .isEqualTo(501);
    assertThat(s.delete("/v2.0/metering/metering-labels/" + id).status()).isEqualTo(204);
    assertThat(s.get("/v2.0/metering/metering-labels?id=" + id).list("metering_labels")).isEmpty();
    var gone = s.get("/v2.0/metering/metering-labels/" + id);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.errorType()).isEqualTo("MeteringLabelNotFound");
    assertThat(s.delete("/v2.0/metering/metering-labels/" + id).status()).isEqualTo(404);
  }

  @Test
  void sharedLabelAndLongDescription() {
    var l = label("name", "shared", "shared", true, "description", "d".repeat(1024));
    assertThat(l).containsEntry("shared", true);
    var r = s.post("/v2.0/metering/metering-labels", Map.of("metering_label", map("description", "d".repeat(1025))));
    assertThat(r.status()).isEqualTo(400);
  }

  @Test
  void tempestRules() {
    for (String[] p : new String[][] {{"10.0.0.0/24", "10.0.1.0/24"}, {"fd02::/64", "fd03::/64"}}) {
      String labelId = (String) label("name", "l").get("id");
      var r = rule("remote_ip_prefix", p[0], "direction", "ingress", "metering_label_id", labelId);
      assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
      var created = r.member("metering_label_rule");
      assertThat(created).containsEntry("remote_ip_prefix", p[0]).containsEntry("direction", "ingress")
          .containsEntry("excluded", false).containsEntry("metering_label_id", labelId)
          .containsEntry("source_ip_prefix", null).containsEntry("destination_ip_prefix", null);
      String ruleId = (String) created.get("id");
      var shown = s.get("/v2.0/metering/metering-label-rules/" + ruleId).member("metering_label_rule");
      assertThat(shown).containsEntry("remote_ip_prefix", p[0]).containsEntry("direction", "ingress")
          .containsEntry("metering_label_id", labelId).containsEntry("excluded", false);
      assertThat(s.get("/v2.0/metering/metering-label-rules?id=33").list("metering_label_rules")).isEmpty();
      var second = rule("remote_ip_prefix", p[1], "direction", "ingress", "metering_label_id", labelId);
      assertThat(second.status()).as(second.raw().body()).isEqualTo(201);
      String secondId = (String) second.member("metering_label_rule").get("id");
      assertThat(s.get("/v2.0/metering/metering-label-rules?id=" + secondId).list("metering_label_rules")).hasSize(1);
      assertThat(s.delete("/v2.0/metering/metering-label-rules/" + secondId).status()).isEqualTo(204);
      assertThat(s.get("/v2.0/metering/metering-label-rules?id=" + secondId).list("metering_label_rules")).isEmpty();
      assertThat(s.get("/v2.0/metering/metering-label-rules/" + secondId).errorType())
          .isEqualTo("MeteringLabelRuleNotFound");
      // deleting the label takes its rules
      assertThat(s.delete("/v2.0/metering/metering-labels/" + labelId).status()).isEqualTo(204);
      assertThat(s.get("/v2.0/metering/metering-label-rules/" + ruleId).status()).isEqualTo(404);
      assertThat(s.get("/v2.0/metering/metering-label-rules?metering_label_id=" + labelId)
          .list("metering_label_rules")).isEmpty();
    }
  }

  @Test
  void ruleValidation() {
    String labelId = (String) label("name", "v").get("id");
    var missing = rule("remote_ip_prefix", "10.9.0.0/24", "direction", "egress",
        "metering_label_id", "a6f7c6c6-3c7e-4d33-9f8e-5f0b2a2e1a11");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.errorType()).isEqualTo("MeteringLabelNotFound");
    assertThat(rule("remote_ip_prefix", "10.9.0.0/24", "direction", "sideways",
        "metering_label_id", labelId).status()).isEqualTo(400);
    assertThat(rule("remote_ip_prefix", "not-a-cidr", "direction", "egress",
        "metering_label_id", labelId).status()).isEqualTo(400);
    var both = rule("remote_ip_prefix", "10.9.0.0/24", "source_ip_prefix", "10.8.0.0/24",
        "direction", "egress", "metering_label_id", labelId);
    assertThat(both.status()).isEqualTo(400);
    assertThat(both.errorType()).isEqualTo("Invalid");
    assertThat(rule("remote_ip_prefix", "10.9.0.0/24", "metering_label_id", labelId).status())
        .as("direction is required").isEqualTo(400);
    var none = rule("direction", "egress", "metering_label_id", labelId);
    assertThat(none.status()).isEqualTo(400);
    var srcDst = rule("source_ip_prefix", "10.8.0.1", "destination_ip_prefix", "2001:db8::1/64",
        "direction", "egress", "metering_label_id", labelId, "excluded", true);
    assertThat(srcDst.status()).as(srcDst.raw().body()).isEqualTo(201);
    assertThat(srcDst.member("metering_label_rule")).containsEntry("source_ip_prefix", "10.8.0.1/32")
        .containsEntry("destination_ip_prefix", "2001:db8::1/64").containsEntry("remote_ip_prefix", null)
        .containsEntry("excluded", true);
    String ruleId = (String) srcDst.member("metering_label_rule").get("id");
    assertThat(s.put("/v2.0/metering/metering-label-rules/" + ruleId,
        Map.of("metering_label_rule", Map.of("source_ip_prefix", "10.7.0.0/24"))).status()).isEqualTo(501);
  }

  @Test
  void overlaps() {
    String labelId = (String) label("name", "o").get("id");
    assertThat(rule("remote_ip_prefix", "192.168.0.0/24", "direction", "egress", "excluded", true,
        "metering_label_id", labelId).status()).isEqualTo(201);
    var overlap = rule("remote_ip_prefix", "192.168.0.0/16", "direction", "egress", "excluded", true,
        "metering_label_id", labelId);
    assertThat(overlap.status()).isEqualTo(409);
    assertThat(overlap.errorType()).isEqualTo("MeteringLabelRuleOverlaps");
    // another direction or excluded flag, or another label, is no overlap
    assertThat(rule("remote_ip_prefix", "192.168.0.0/16", "direction", "ingress", "excluded", true,
        "metering_label_id", labelId).status()).isEqualTo(201);
    assertThat(rule("remote_ip_prefix", "0.0.0.0/0", "direction", "egress",
        "metering_label_id", labelId).status()).isEqualTo(201);
    String other = (String) label("name", "o2").get("id");
    assertThat(rule("remote_ip_prefix", "192.168.0.0/16", "direction", "egress", "excluded", true,
        "metering_label_id", other).status()).isEqualTo(201);
    List<Map<String, Object>> rules =
        s.get("/v2.0/metering/metering-label-rules?metering_label_id=" + labelId).list("metering_label_rules");
    assertThat(rules).hasSize(3);
  }

  @Test
  void adminOnly() {
    String[] user = {"X-Project-Id", "p1"};
    var r = s.post("/v2.0/metering/metering-labels", Map.of("metering_label", Map.of("name", "x")), user);
    assertThat(r.status()).isEqualTo(403);
    String labelId = (String) label("name", "admin's").get("id");
    assertThat(s.get("/v2.0/metering/metering-labels/" + labelId, user).status()).isEqualTo(404);
    assertThat(s.get("/v2.0/metering/metering-labels", user).list("metering_labels")).isEmpty();
  }
}
