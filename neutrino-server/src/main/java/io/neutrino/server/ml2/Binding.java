package io.neutrino.server.ml2;

import io.neutrino.lib.spi.ml2.PortBindings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A port's binding (a row of {@code ml2_port_bindings}): what the client asked for (host, vnic
 * type, profile) and what the drivers made of it (vif type and details).
 */
record Binding(String host, String vnicType, Map<String, Object> profile, String vifType,
    Map<String, Object> vifDetails) {
  static final String HOST = "binding:host_id";
  static final String VNIC_TYPE = "binding:vnic_type";
  static final String PROFILE = "binding:profile";
  static final String VIF_TYPE = "binding:vif_type";
  static final String VIF_DETAILS = "binding:vif_details";
  /** The port attributes of the binding extension, as {@link #putAttributes} sets them. */
  static final List<String> ATTRIBUTES = List.of(HOST, VNIC_TYPE, PROFILE, VIF_TYPE, VIF_DETAILS);

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
    port.put(HOST, host);
    port.put(VNIC_TYPE, vnicType);
    port.put(PROFILE, profile);
    port.put(VIF_TYPE, vifType);
    port.put(VIF_DETAILS, vifDetails);
    return port;
  }
}
