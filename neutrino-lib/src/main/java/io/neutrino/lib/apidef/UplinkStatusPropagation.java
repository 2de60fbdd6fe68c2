package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import io.neutrino.lib.validate.Converters;
import java.util.List;
import java.util.Map;

/**
 * uplink-status-propagation (neutron_lib/api/definitions/uplink_status_propagation.py):
 * {@code propagate_uplink_status} on ports, set on create only. neutron-lib 3.1 (Zed) defaults it
 * to true, and ports created before the extension was enabled count as true too. Brought by ML2's
 * {@code uplink_status_propagation} extension driver.
 */
public final class UplinkStatusPropagation {
  private UplinkStatusPropagation() {}

  public static final String ALIAS = "uplink-status-propagation";
  public static final String PROPAGATE_UPLINK_STATUS = "propagate_uplink_status";
  public static final boolean DEFAULT = true;

  public static ExtensionDef extension() {
    return ExtensionDef.attributes(ALIAS, "Uplink status propagation extension",
        "Provides ability to propagate port uplink status.", "2018-05-31T18:00:00-00:00",
        Map.of(Port.COLLECTION, List.of(attr(PROPAGATE_UPLINK_STATUS).post().dflt(DEFAULT)
            .convert(Converters::toBoolean).visible().build())));
  }
}
