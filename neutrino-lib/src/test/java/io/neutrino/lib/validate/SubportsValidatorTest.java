package io.neutrino.lib.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** type:subports, worded as neutron-lib's validate_subports. */
class SubportsValidatorTest {
  private static final String A = "a6f7c6c6-3c7e-4d33-9f8e-5f0b2a2e1a11";
  private static final String B = "b6f7c6c6-3c7e-4d33-9f8e-5f0b2a2e1a11";
  private final Validator v = Validators.named("type:subports", null);

  @Test
  void acceptsWellFormedLists() {
    assertThat(v.validate(List.of())).isNull();
    assertThat(v.validate(List.of(Map.of("port_id", A)))).isNull();
    assertThat(v.validate(List.of(
        Map.of("port_id", A, "segmentation_type", "vlan", "segmentation_id", 10),
        Map.of("port_id", B, "segmentation_type", "vlan", "segmentation_id", 11)))).isNull();
    // neutron-lib stops checking at the first 'inherit' entry
    assertThat(v.validate(List.of(Map.of("port_id", A, "segmentation_type", "inherit"),
        Map.of("port_id", A)))).isNull();
  }

  @Test
  void refusesWhatNeutronRefuses() {
    assertThat(v.validate("x")).isEqualTo("Invalid data format for subports: 'x' is not a list");
    assertThat(v.validate(List.of("x"))).isEqualTo("Invalid data format for subport: 'x' is not a dict");
    assertThat(v.validate(List.of(Map.of()))).isEqualTo("A valid port UUID must be specified");
    assertThat(v.validate(List.of(Map.of("port_id", "x")))).isEqualTo("Invalid UUID for subport: 'x'");
    assertThat(v.validate(List.of(Map.of("port_id", A), Map.of("port_id", A))))
        .isEqualTo("Non unique UUID for subport: '" + A + "'");
    assertThat(v.validate(List.of(Map.of("port_id", A, "segmentation_id", 3))))
        .startsWith("Invalid subport details '").endsWith("': missing segmentation information. "
            + "Must specify both segmentation_id and segmentation_type");
    assertThat(v.validate(List.of(
        Map.of("port_id", A, "segmentation_type", "vlan", "segmentation_id", 10),
        Map.of("port_id", B, "segmentation_type", "vlan", "segmentation_id", 10))))
        .isEqualTo("Segmentation ID '10' for '" + B + "' is not unique");
  }
}
