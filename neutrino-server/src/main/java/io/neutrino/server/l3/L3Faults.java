package io.neutrino.server.l3;

import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import java.util.List;
import java.util.Map;

/** The L3 faults, named and worded as neutron-lib's l3 / extraroute exceptions. */
final class L3Faults {
  private L3Faults() {}

  static NeutronException routerNotFound(String id) {
    return new NeutronException("RouterNotFound", 404, "Router " + id + " could not be found");
  }

  static NeutronException fipNotFound(String id) {
    return new NeutronException("FloatingIPNotFound", 404, "Floating IP " + id + " could not be found");
  }

  static NeutronException badRouter(String msg) {
    return Faults.badRequestFor("router", msg);
  }

  static NeutronException badFip(String msg) {
    return Faults.badRequestFor("floatingip", msg);
  }

  static NeutronException routerInUse(String id, String reason) {
    return Faults.conflict("RouterInUse", "Router " + id + " " + reason);
  }

  static NeutronException invalidRoutes(List<Map<String, Object>> routes, String reason) {
    return new NeutronException("InvalidRoutes", 400,
        "Invalid format for routes: " + pyRoutes(routes) + ", " + reason + ".");
  }

  /** A list of routes as Python prints a list of dicts. */
  static String pyRoutes(List<Map<String, Object>> routes) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < routes.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append('{');
      int j = 0;
      for (var e : routes.get(i).entrySet()) {
        if (j++ > 0) {
          sb.append(", ");
        }
        sb.append('\'').append(e.getKey()).append("': ");
        sb.append(e.getValue() instanceof String s ? "'" + s + "'" : String.valueOf(e.getValue()));
      }
      sb.append('}');
    }
    return sb.append(']').toString();
  }
}
