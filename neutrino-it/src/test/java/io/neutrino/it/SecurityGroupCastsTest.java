package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.messaging.Endpoint;
import io.neutrino.messaging.Messaging;
import io.neutrino.messaging.RpcServer;
import io.neutrino.messaging.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What L2 agents hear when a port changes groups, consumed as an agent consumes it (the
 * {@code q-agent-notifier-securitygroup-update} fanout, on the server's in-memory bus): the groups
 * the port left as well as those it joined, so that a rule naming a group it left as
 * {@code remote_group_id} stops admitting it.
 */
class SecurityGroupCastsTest {
  @Test
  @SuppressWarnings("unchecked")
  void aPortChangingGroupsNamesTheGroupsItLeftAndJoined() throws Exception {
    try (TestServer s = TestServer.start()) {
      List<List<String>> memberUpdates = new CopyOnWriteArrayList<>();
      Endpoint endpoint = Endpoint.of("1.5", Map.of("security_groups_member_updated", (ctx, args) -> {
        memberUpdates.add(new ArrayList<>((List<String>) args.get("security_groups")));
        return null;
      }, "security_groups_rule_updated", (ctx, args) -> null));
      try (RpcServer agent = s.service(Messaging.class).rpcServer(
          Target.topic("q-agent-notifier-securitygroup-update").withServer("h1"), List.of(endpoint)).start()) {
        String a = group(s, "a");
        String b = group(s, "b");
        String net = s.networkWithSubnet("10.9.0.0/24")[0];
        var p = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net, "security_groups", List.of(a))));
        assertThat(p.status()).as(p.raw().body()).isEqualTo(201);
        String port = (String) p.member("port").get("id");
        awaitCasts(memberUpdates, 1);
        memberUpdates.clear();

        var moved = s.put("/v2.0/ports/" + port, Map.of("port", Map.of("security_groups", List.of(b))));
        assertThat(moved.status()).as(moved.raw().body()).isEqualTo(200);
        awaitCasts(memberUpdates, 1);
        assertThat(memberUpdates.get(0)).containsExactlyInAnyOrder(a, b);

        // A change that moves no address and no group is no membership change.
        memberUpdates.clear();
        assertThat(s.put("/v2.0/ports/" + port, Map.of("port", Map.of("name", "renamed"))).status()).isEqualTo(200);
        var again = s.put("/v2.0/ports/" + port, Map.of("port", Map.of("security_groups", List.of(a))));
        assertThat(again.status()).isEqualTo(200);
        awaitCasts(memberUpdates, 1);
        assertThat(memberUpdates).containsExactly(List.of(b, a));
      }
    }
  }

  /**
   * A rule added to or removed from a group is announced with the group's id
   * ({@code security_groups_rule_updated}), after the change is committed; a rule refused as a
   * duplicate announces nothing, nor does a description change.
   */
  @Test
  @SuppressWarnings("unchecked")
  void ruleChangesNameTheirGroup() throws Exception {
    try (TestServer s = TestServer.start()) {
      List<List<String>> ruleUpdates = new CopyOnWriteArrayList<>();
      Endpoint endpoint = Endpoint.of("1.5", Map.of("security_groups_member_updated", (ctx, args) -> null,
          "security_groups_rule_updated", (ctx, args) -> {
            ruleUpdates.add(new ArrayList<>((List<String>) args.get("security_groups")));
            return null;
          }));
      try (RpcServer agent = s.service(Messaging.class).rpcServer(
          Target.topic("q-agent-notifier-securitygroup-update").withServer("h1"), List.of(endpoint)).start()) {
        String g = group(s, "g"); // its automatic rules are part of the group: no rule cast
        Map<String, Object> rule = Map.of("security_group_rule", Map.of("security_group_id", g,
            "direction", "ingress", "protocol", "tcp", "port_range_min", 22, "port_range_max", 22));
        var created = s.post("/v2.0/security-group-rules", rule);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        awaitCasts(ruleUpdates, 1);
        assertThat(ruleUpdates).containsExactly(List.of(g));
        String id = (String) created.member("security_group_rule").get("id");

        assertThat(s.post("/v2.0/security-group-rules", rule).status()).isEqualTo(409);
        assertThat(s.put("/v2.0/security-group-rules/" + id, Map.of("security_group_rule",
            Map.of("description", "ssh"))).status()).isEqualTo(200);
        assertThat(s.delete("/v2.0/security-group-rules/" + id).status()).isEqualTo(204);
        awaitCasts(ruleUpdates, 2);
        assertThat(ruleUpdates).containsExactly(List.of(g), List.of(g));
      }
    }
  }

  private static String group(TestServer s, String name) {
    var r = s.post("/v2.0/security-groups", Map.of("security_group", Map.of("name", name)));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return (String) r.member("security_group").get("id");
  }

  private static void awaitCasts(List<?> casts, int n) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (casts.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(casts).hasSizeGreaterThanOrEqualTo(n);
  }
}
