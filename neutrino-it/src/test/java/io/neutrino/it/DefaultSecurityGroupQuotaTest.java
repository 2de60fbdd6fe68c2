package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules a security group comes with count against security_group_rule, as Neutron Zed's
 * create_security_group checks them (quota_limit_check: 2 egress rules, 4 rules for a project's
 * default group): a project whose limit they would pass gets OverQuota from whatever request was
 * making its default group, and nothing is left behind.
 */
class DefaultSecurityGroupQuotaTest {
  static TestServer s;

  @BeforeAll
  static void start() {
    s = TestServer.start();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static void limitRules(String project, int limit) {
    var r = s.put("/v2.0/quotas/" + project, Map.of("quota", Map.of("security_group_rule", limit)));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
  }

  @SuppressWarnings("unchecked")
  private static Object used(String project, String resource) {
    var q = (Map<String, Object>) s.get("/v2.0/quotas/" + project + "/details").member("quota").get(resource);
    return q.get("used");
  }

  @Test
  void defaultGroupNeedsRoomForItsFourRules() {
    String[] tiny = {"X-Project-Id", "tiny", "X-Roles", "member"};
    limitRules("tiny", 3);
    var network = s.post("/v2.0/networks", Map.of("network", Map.of("name", "n")), tiny);
    assertThat(network.status()).isEqualTo(409);
    assertThat(network.errorType()).isEqualTo("OverQuota");
    assertThat(network.raw().body()).contains("Quota exceeded for resources: ['security_group_rule'].");
    assertThat(s.get("/v2.0/security-groups", tiny).errorType()).isEqualTo("OverQuota");
    assertThat(s.post("/v2.0/security-groups", Map.of("security_group", Map.of("name", "g")), tiny)
        .errorType()).isEqualTo("OverQuota");
    assertThat(used("tiny", "security_group")).isEqualTo(0);
    assertThat(used("tiny", "security_group_rule")).isEqualTo(0);
    assertThat(s.get("/v2.0/networks?project_id=tiny").list("networks")).isEmpty();

    // Four is enough for the default group (and its network), not for a group beside it.
    limitRules("tiny", 5);
    assertThat(s.post("/v2.0/networks", Map.of("network", Map.of("name", "n")), tiny).status())
        .isEqualTo(201);
    assertThat(used("tiny", "security_group")).isEqualTo(1);
    assertThat(used("tiny", "security_group_rule")).isEqualTo(4);
    var group = s.post("/v2.0/security-groups", Map.of("security_group", Map.of("name", "g")), tiny);
    assertThat(group.errorType()).isEqualTo("OverQuota");
    limitRules("tiny", 6);
    assertThat(s.post("/v2.0/security-groups", Map.of("security_group", Map.of("name", "g")), tiny)
        .status()).isEqualTo(201);
    assertThat(used("tiny", "security_group_rule")).isEqualTo(6);
  }
}
