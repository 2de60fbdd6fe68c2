package io.neutrino.server.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neutrino.lib.context.RequestContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyParserTest {

  private static String render(String rule) {
    return PolicyParser.parseStrict(rule).toString();
  }

  @Test
  void atomsRenderLikeOslo() {
    assertThat(render("")).isEqualTo("@");
    assertThat(render("@")).isEqualTo("@");
    assertThat(render("!")).isEqualTo("!");
    assertThat(render("rule:admin_only")).isEqualTo("rule:admin_only");
    assertThat(render("role:admin")).isEqualTo("role:admin");
    assertThat(render("field:networks:shared=True")).isEqualTo("field:networks:shared:True");
    assertThat(render("field:networks:router:external=True"))
        .isEqualTo("field:networks:router:external:True");
    assertThat(render("tenant_id:%(network:tenant_id)s")).isEqualTo("tenant_id:%(network:tenant_id)s");
    assertThat(render("project_id:%(project_id)s")).isEqualTo("project_id:%(project_id)s");
    assertThat(render("is_admin:True")).isEqualTo("is_admin:True");
  }

  @Test
  void precedenceIsNotThenAndThenOr() {
    assertThat(render("a:1 and b:2 or c:3")).isEqualTo("((a:1 and b:2) or c:3)");
    assertThat(render("a:1 or b:2 and c:3")).isEqualTo("(a:1 or (b:2 and c:3))");
    assertThat(render("a:1 or b:2 and c:3 and d:4 or e:5"))
        .isEqualTo("(a:1 or (b:2 and c:3 and d:4) or e:5)");
    assertThat(render("not a:1 and b:2")).isEqualTo("(not a:1 and b:2)");
    assertThat(render("not not a:1")).isEqualTo("not not a:1");
    assertThat(render("a:1 or not b:2 and c:3")).isEqualTo("(a:1 or (not b:2 and c:3))");
  }

  @Test
  void parenthesesGroup() {
    assertThat(render("(a:1 or b:2) and c:3")).isEqualTo("((a:1 or b:2) and c:3)");
    assertThat(render("not (a:1 or b:2)")).isEqualTo("not (a:1 or b:2)");
    assertThat(render("((a:1))")).isEqualTo("a:1");
    assertThat(render("(rule:admin_only) or (role:member and project_id:%(project_id)s)"))
        .isEqualTo("(rule:admin_only or (role:member and project_id:%(project_id)s))");
  }

  @Test
  void operatorsAreCaseInsensitiveAndWhitespaceIsFree() {
    assertThat(render("a:1 AND b:2 Or NOT c:3")).isEqualTo("((a:1 and b:2) or not c:3)");
    assertThat(render("  a:1\tand\n b:2 ")).isEqualTo("(a:1 and b:2)");
  }

  @Test
  void malformedRulesAreErrorsStrictlyAndNeverLeniently() {
    for (String bad : List.of("(a:1", "a:1)", "a:1 and", "and a:1", "a:1 b:2", "()", "   ",
        "'quoted'", "not", "a:1 or or b:2", "field:networks", "field:networks:shared",
        "tenant_id:abc", "http://example.com/check")) {
      assertThatThrownBy(() -> PolicyParser.parseStrict(bad)).as(bad)
          .isInstanceOf(PolicyParseException.class);
      assertThat(PolicyParser.parse(bad).toString()).as(bad).isEqualTo("!");
    }
  }

  @Test
  void aTokenWithoutKindIsFalseOnItsOwnLikeOslo() {
    assertThat(PolicyParser.parse("foo or rule:x").toString()).isEqualTo("(! or rule:x)");
  }

  @Test
  void policyFileValuesIncludeNullAndTheListForm() {
    assertThat(PolicyParser.parseValue("x", null).toString()).isEqualTo("@");
    assertThat(PolicyParser.parseValue("x", List.of()).toString()).isEqualTo("@");
    assertThat(PolicyParser.parseValue("x", List.of(List.of("role:a", "role:b"), List.of("role:c")))
        .toString()).isEqualTo("((role:a and role:b) or role:c)");
    assertThat(PolicyParser.parseValue("x", List.of("role:a")).toString()).isEqualTo("role:a");
    assertThat(PolicyParser.parseValue("x", 42).toString()).isEqualTo("!");
  }

  @Test
  void evaluationFollowsPrecedence() {
    Enforcer e = new Enforcer(Map.of(
        "r1", "role:a or role:b and role:c",
        "r2", "(role:a or role:b) and role:c",
        "r3", "not role:a and role:b",
        "r4", "not (role:a and role:b)",
        "r5", "",
        "r6", "!",
        "r7", "@"), Optional.empty(), List.of(), null);
    RequestContext a = ctx("a");
    assertThat(e.check("r1", Map.of(), a)).isTrue();
    assertThat(e.check("r2", Map.of(), a)).isFalse();
    assertThat(e.check("r2", Map.of(), ctx("B", "c"))).isTrue();
    assertThat(e.check("r3", Map.of(), ctx("b"))).isTrue();
    assertThat(e.check("r3", Map.of(), ctx("a", "b"))).isFalse();
    assertThat(e.check("r4", Map.of(), ctx("a"))).isTrue();
    assertThat(e.check("r4", Map.of(), ctx("a", "b"))).isFalse();
    assertThat(e.check("r5", Map.of(), a)).isTrue();
    assertThat(e.check("r6", Map.of(), a)).isFalse();
    assertThat(e.check("r7", Map.of(), a)).isTrue();
  }

  static RequestContext ctx(String... roles) {
    return new RequestContext("u1", "p1", List.of(roles), false, "req-1");
  }
}
