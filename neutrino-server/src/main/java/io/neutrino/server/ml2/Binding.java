package io.neutrino.server.ml2;

import io.neutrino.lib.spi.ml2.PortBindings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A port's binding (a row of {@code ml2_port_bindings}): what the client asked for (host, vnic
 * type, profile) and what the drivers made of it (vif type and details).
 */
record Binding(String host, String vnicType, Map<String, Object> profile, String vifType,
    Map<String, Object> vifDetails) {

  Binding {
    profile = profile == null ? Map.of() : profile;
    vifDetails = vifDetails == null ? Map.of() : vifDetails;
  }

  static Binding unbound(String host, String vnicType, Map<String, Object> profile) {
    return new Binding(host, vnicType, profile, PortBindings.VIF_TYPE_UNBOUND, Map.of());
  }

  Binding withResult(String type, Map<String, Object> details) {
    return new Binding(host, vnicType, profile, type, details);
  }

  /** Whether drivers should try to bind it: a host is set and it is not bound yet. */
  boolean needsBinding() {
    return !host.isEmpty() && PortBindings.UNPLUGGED_VIF_TYPES.contains(vifType);
  }

  /** Same inputs (host, vnic type, profile): a binding computed for one still fits the other. */
  boolean sameRequest(Binding other) {
    return host.equals(other.host) && vnicType.equals(other.vnicType) && profile.equals(other.profile);
  }

  /** The port attributes of the binding extension. */
  Map<String, Object> attributes() {
    return putAttributes(new LinkedHashMap<>());
  }

  /** Adds the port attributes of the binding extension to {@code port}; returns it. */
  Map<String, Object> putAttributes(Map<String, Object> port) {
    port.put("binding:host_id", host);
    port.put("binding:vnic_type", vnicType);
    port.put("binding:profile", profile);
    port.put("binding:vif_type", vifType);
    port.put("binding:vif_details", vifDetails);
    return port;
  }
}
