package io.neutrino.lib.apidef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One alias supported by two plugins: their definitions merge into one extension. */
class ExtensionDefTest {
  @Test
  void qosPartsMergeIntoOneExtension() {
    ExtensionDef merged = Qos.qosPolicyOnNetworksAndPorts().mergedWith(Qos.qos());
    assertThat(merged.alias()).isEqualTo("qos");
    assertThat(merged.resources()).extracting(ResourceDef::key).containsExactly("policies",
        "rule-types", "policies/bandwidth_limit_rules", "policies/dscp_marking_rules",
        "policies/minimum_bandwidth_rules");
    assertThat(merged.extendedAttributes()).containsOnlyKeys("networks", "ports");
    assertThat(merged.extendedAttributes().get("ports")).extracting(AttributeSpec::name)
        .containsExactly("qos_policy_id");
  }

  @Test
  void mergingIsIdempotentAndKeepsTheFirstOfEachName() {
    ExtensionDef dns = Dns.domainPorts();
    assertThat(dns.mergedWith(dns)).isEqualTo(dns);
    ExtensionDef other = new ExtensionDef("qos", "x", "y", "z", List.of(Qos.policies()),
        Map.of("ports", List.of(AttributeSpec.attr("qos_policy_id").build(),
            AttributeSpec.attr("extra").build())),
        Map.of("policies", java.util.Set.of("act")), List.of("router"));
    ExtensionDef merged = Qos.qos().mergedWith(other);
    assertThat(merged.name()).isEqualTo("Quality of Service");
    assertThat(merged.resources()).hasSize(Qos.qos().resources().size());
    assertThat(merged.extendedAttributes().get("ports")).extracting(AttributeSpec::name)
        .containsExactly("qos_policy_id", "extra");
    assertThat(merged.memberActions()).containsEntry("policies", java.util.Set.of("act"));
    assertThat(merged.requires()).containsExactly("router");
  }

  @Test
  void onlyOneAliasMerges() {
    assertThatThrownBy(() -> Qos.qos().mergedWith(Qos.qosDefault()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
