package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import io.neutrino.lib.validate.Converters;
import java.util.List;
import java.util.Map;

/**
 * port-security (neutron_lib/api/definitions/port_security.py): {@code port_security_enabled} on
 * networks (default true) and on ports (default: the network's). Brought by ML2's
 * {@code port_security} extension driver.
 */
public final class PortSecurity {
  private PortSecurity() {}

  public static final String ALIAS = "port-security";
  public static final String PORTSECURITY = "port_security_enabled";
  public static final boolean DEFAULT_PORT_SECURITY = true;

  public static ExtensionDef extension() {
    return ExtensionDef.attributes(ALIAS, "Port Security", "Provides port security",
        "2012-07-23T10:00:00-00:00", Map.of(
            Network.COLLECTION, List.of(attr(PORTSECURITY).post().put().dflt(DEFAULT_PORT_SECURITY)
                .convert(Converters::toBoolean).enforcePolicy().visible().build()),
            Port.COLLECTION, List.of(attr(PORTSECURITY).post().put().dflt(AttributeSpec.NOT_SPECIFIED)
                .convert(Converters::toBoolean).enforcePolicy().visible().build())));
  }
}
