package io.neutrino.server.autoallocate;

import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.events.ResourceEvent;
import io.neutrino.lib.fault.Faults;
import io.neutrino.server.db.Where;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * {@code is_default} on networks (auto_allocate/db.py _ensure_external_network_default_value
 * _callback and _extend_external_network_default): at most one default external network; the
 * mark lives while the network is external and is shown on external networks only.
 */
final class DefaultExternalNetwork {
  private DefaultExternalNetwork() {}

  static void register(Callbacks callbacks) {
    callbacks.subscribe("network", Event.PRECOMMIT_CREATE, DefaultExternalNetwork::onChange);
    callbacks.subscribe("network", Event.PRECOMMIT_UPDATE, DefaultExternalNetwork::onChange);
    callbacks.extendDicts("network", (rows, tx) -> show(rows, (Handle) tx));
  }

  static String current(Handle h) {
    return h.createQuery("SELECT network_id FROM default_external_networks ORDER BY network_id")
        .mapTo(String.class).findFirst().orElse(null);
  }

  private static void onChange(ResourceEvent e) {
    Handle h = (Handle) e.transaction();
    String id = e.resourceId();
    Map<String, Object> original = e.original();
    Object external = e.latest().containsKey("router:external") ? e.latest().get("router:external")
        : original == null ? null : original.get("router:external");
    boolean isExternal = Boolean.TRUE.equals(external);
    boolean created = original == null; // a network being created has no row to drop yet
    if (!isExternal && !created) {
      // Neutron drops the external network row, and its is_default with it
      h.execute("DELETE FROM default_external_networks WHERE network_id = ?", id);
    }
    Object wanted = e.request() == null ? null : e.request().get("is_default");
    if (!(wanted instanceof Boolean isDefault)) {
      return;
    }
    if (isDefault) {
      String other = current(h);
      if (other != null && !other.equals(id)) {
        throw Faults.conflict("DefaultExternalNetworkExists",
            "A default external network already exists: " + other + ".");
      }
    }
    if (!created) {
      h.execute("DELETE FROM default_external_networks WHERE network_id = ?", id);
    }
    if (isDefault && isExternal) {
      h.execute("INSERT INTO default_external_networks (network_id) VALUES (?)", id);
    }
  }

  private static void show(List<Map<String, Object>> networks, Handle h) {
    List<Object> external = new ArrayList<>();
    for (Map<String, Object> n : networks) {
      if (Boolean.TRUE.equals(n.get("router:external"))) {
        external.add(n.get("id"));
      }
    }
    Set<String> defaults = new HashSet<>();
    for (int from = 0; from < external.size(); from += 500) {
      Where w = new Where().in("network_id", external.subList(from, Math.min(external.size(), from + 500)));
      var q = h.createQuery("SELECT network_id FROM default_external_networks" + w.sql());
      for (int i = 0; i < w.params().size(); i++) {
        q.bind(i, w.params().get(i));
      }
      defaults.addAll(q.mapTo(String.class).list());
    }
    for (Map<String, Object> n : networks) {
      if (Boolean.TRUE.equals(n.get("router:external"))) {
        n.put("is_default", defaults.contains(Objects.toString(n.get("id"))));
      }
    }
  }
}
