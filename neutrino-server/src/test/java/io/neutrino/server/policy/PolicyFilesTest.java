package io.neutrino.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.lib.apidef.Network;
import io.neutrino.lib.context.RequestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFilesTest {
  @TempDir Path dir;

  private static final RequestContext MEMBER =
      new RequestContext("u1", "p1", List.of("member"), false, "r");
  private static final Map<String, Object> NET =
      Map.of("project_id", "p1", "tenant_id", "p1", "shared", false);

  private Enforcer zed(Optional<Path> file, List<Path> dirs) {
    return Enforcer.neutronZed(false, file, dirs, (t, id) -> null)
        .withResourceDefinitions(Map.of("networks", Network.definition())::get)
        .withReloadInterval(Duration.ZERO);
  }

  private static void write(Path p, String content) throws IOException {
    Instant before = Files.exists(p) ? Files.getLastModifiedTime(p).toInstant() : Instant.EPOCH;
    Files.writeString(p, content);
    // make the change visible even on file systems with coarse timestamps
    Files.setLastModifiedTime(p, FileTime.from(before.plusSeconds(2).isAfter(Instant.now())
        ? before.plusSeconds(2) : Instant.now()));
  }

  @Test
  void yamlFileOverridesRulesByName() throws IOException {
    Path f = dir.resolve("policy.yaml");
    write(f, "# operator overrides\n\"create_network\": \"role:admin\"\nget_network: rule:admin_or_owner\n");
    Enforcer e = zed(Optional.of(f), List.of());
    assertThat(e.check("create_network", NET, MEMBER)).isFalse();
    assertThat(e.ruleText("create_network")).isEqualTo("role:admin");
    assertThat(e.check("update_network", NET, MEMBER)).as("untouched default").isTrue();
  }

  @Test
  void jsonFileOverridesRulesByName() throws IOException {
    Path f = dir.resolve("policy.json");
    write(f, "{\"get_network\": \"!\", \"context_is_admin\": \"role:cloud_admin\"}");
    Enforcer e = zed(Optional.of(f), List.of());
    assertThat(e.check("get_network", NET, MEMBER)).isFalse();
    assertThat(e.isAdmin("u", "p", List.of("admin"))).isFalse();
    assertThat(e.isAdmin("u", "p", List.of("cloud_admin"))).isTrue();
  }

  @Test
  void policyDirsOverrideTheFileInSortedOrder() throws IOException {
    Path f = dir.resolve("policy.yaml");
    write(f, "create_network: '!'\nupdate_network: '!'\n");
    Path d = Files.createDirectory(dir.resolve("policy.d"));
    write(d.resolve("10-open.yaml"), "create_network: ''\ndelete_network: '!'\n");
    write(d.resolve("20-close.json"), "{\"delete_network\": \"@\", \"update_network\": \"@\"}");
    write(d.resolve(".hidden.yaml"), "create_network: '!'\n");
    Enforcer e = zed(Optional.of(f), List.of(d, dir.resolve("missing.d")));
    assertThat(e.check("create_network", NET, MEMBER)).isTrue();
    assertThat(e.check("update_network", NET, MEMBER)).isTrue();
    assertThat(e.check("delete_network", NET, MEMBER)).isTrue();
  }

  @Test
  void missingFileAndDirectoryAreNotFatal() {
    Enforcer e = zed(Optional.of(dir.resolve("nope.yaml")), List.of(dir.resolve("nope.d")));
    assertThat(e.check("create_network", NET, MEMBER)).isTrue();
    assertThat(e.check("create_network", Map.of("project_id", "p1", "shared", true), MEMBER))
        .isFalse();
  }

  @Test
  void fileIsReloadedWhenItChangesAppearsOrGoes() throws IOException {
    Path f = dir.resolve("policy.yaml");
    Enforcer e = zed(Optional.of(f), List.of());
    assertThat(e.check("create_network", NET, MEMBER)).isTrue();
    write(f, "create_network: role:admin\n");
    assertThat(e.check("create_network", NET, MEMBER)).as("file appeared").isFalse();
    write(f, "create_network: role:member\n");
    assertThat(e.check("create_network", NET, MEMBER)).as("file changed").isTrue();
    write(f, "create_network: role:nobody\n");
    assertThat(e.check("create_network", NET, MEMBER)).isFalse();
    Files.delete(f);
    assertThat(e.check("create_network", NET, MEMBER)).as("file removed").isTrue();
  }

  @Test
  void reloadIsCheckedAtMostOncePerInterval() throws IOException {
    Path f = dir.resolve("policy.yaml");
    write(f, "create_network: role:member\n");
    Enforcer e = Enforcer.neutronZed(false, Optional.of(f), List.of(), null)
        .withReloadInterval(Duration.ofHours(1));
    assertThat(e.check("create_network", NET, MEMBER)).isTrue(); // uses the first stat
    write(f, "create_network: role:nobody\n");
    assertThat(e.check("create_network", NET, MEMBER)).as("not re-read yet").isTrue();
    e.reload();
    assertThat(e.check("create_network", NET, MEMBER)).isFalse();
  }

  @Test
  void badFilesAndBadRulesNeverCrash() throws IOException {
    Path f = dir.resolve("policy.yaml");
    write(f, "create_network: 'role:member and'\nget_network:\nupdate_network: [[role:a, role:member]]\n");
    Enforcer e = zed(Optional.of(f), List.of());
    assertThat(e.check("create_network", NET, MEMBER)).as("unparsable rule is !").isFalse();
    assertThat(e.check("get_network", NET, MEMBER)).as("empty value is always").isTrue();
    assertThat(e.check("update_network", NET, MEMBER)).as("list form").isFalse();
    write(f, "create_network: [unclosed\n  : : :\n");
    assertThat(e.check("create_network", NET, MEMBER)).as("last good content kept").isFalse();
    Path g = dir.resolve("list.yaml");
    write(g, "- a\n- b\n");
    Enforcer h = zed(Optional.of(g), List.of());
    assertThat(h.check("create_network", NET, MEMBER)).as("not a mapping: ignored").isTrue();
    Path empty = dir.resolve("empty.yaml");
    write(empty, "");
    assertThat(zed(Optional.of(empty), List.of()).check("create_network", NET, MEMBER)).isTrue();
  }
}
