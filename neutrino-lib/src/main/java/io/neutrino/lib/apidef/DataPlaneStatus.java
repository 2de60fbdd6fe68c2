package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import io.neutrino.lib.validate.Validators;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * data-plane-status (neutron_lib/api/definitions/data_plane_status.py): {@code data_plane_status}
 * on ports, {@code null}, {@code ACTIVE} or {@code DOWN}, set by update only (by default policy
 * an admin or a {@code data_plane_integrator}). Brought by ML2's {@code data_plane_status}
 * extension driver.
 */
public final class DataPlaneStatus {
  private DataPlaneStatus() {}

  public static final String ALIAS = "data-plane-status";
  public static final String DATA_PLANE_STATUS = "data_plane_status";
  /** VALID_VALUES: a list that holds null, which List.of refuses. */
  public static final List<String> VALID_VALUES =
      Collections.unmodifiableList(Arrays.asList(null, "ACTIVE", "DOWN"));

  public static ExtensionDef extension() {
    return ExtensionDef.attributes(ALIAS, "Port data plane status extension",
        "Expose status of underlying data plane", "2017-01-24T10:00:00-00:00",
        Map.of(Port.COLLECTION, List.of(attr(DATA_PLANE_STATUS).put().dflt(AttributeSpec.NOT_SPECIFIED)
            .validate(Validators.named("type:values", VALID_VALUES)).visible().enforcePolicy().build())));
  }
}
