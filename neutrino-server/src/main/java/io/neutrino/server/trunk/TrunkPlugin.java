package io.neutrino.server.trunk;

import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.apidef.Trunk;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.events.ResourceEvent;
import io.neutrino.lib.spi.Plugin;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.db.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Neutron's TrunkPlugin ({@code trunk}), API side (neutron/services/trunk/plugin.py, rules.py):
 * trunks and their subports, trunk_details on parent ports, and the refusal to delete a port
 * that is a trunk's parent or subport. Trunks stay DOWN: no agent reports them yet.
 */
public final class TrunkPlugin implements Plugin {
  private final Database db;
  private final Map<String, ResourceHandler> handlers;

  public TrunkPlugin(Database db, Callbacks callbacks, TrunkDrivers drivers,
      ResourceHandler ports, ResourceHandler networks) {
    this.db = db;
    this.handlers = Map.of(Trunk.COLLECTION, new TrunkResource(db, drivers, ports, networks));
    callbacks.subscribe("port", Event.BEFORE_DELETE, this::enforcePortDeletionRules);
    callbacks.extendDicts("port", this::extendTrunkDetails);
  }

  @Override
  public Map<String, ResourceHandler> handlers() {
    return handlers;
  }

  @Override
  public List<ExtensionDef> supportedExtensions() {
    return Trunk.all();
  }

  /** rules.enforce_port_deletion_rules: a subport or a parent port cannot be deleted. */
  private void enforcePortDeletionRules(ResourceEvent e) {
    String portId = e.resourceId();
    db.read(h -> {
      h.createQuery("SELECT trunk_id FROM subports WHERE port_id = ?").bind(0, portId)
          .mapTo(String.class).findOne().ifPresent(t -> {
            throw TrunkFaults.inUseAsSubPort(portId, t);
          });
      h.createQuery("SELECT id FROM trunks WHERE port_id = ?").bind(0, portId)
          .mapTo(String.class).findOne().ifPresent(t -> {
            throw TrunkFaults.inUseAsParent(portId, t);
          });
      return null;
    });
  }

  /**
   * _extend_port_trunk_details: a parent port shows its trunk and subports (with their MACs);
   * other ports have no trunk_details. Neutron leaves the MACs out of port lists by a slip of its
   * bulk extender; here every port shows them.
   */
  private void extendTrunkDetails(List<Map<String, Object>> ports, Object tx) {
    Handle h = (Handle) tx;
    List<Object> ids = new ArrayList<>();
    ports.forEach(p -> ids.add(p.get("id")));
    Map<Object, String> trunkOfParent = new LinkedHashMap<>();
    for (int from = 0; from < ids.size(); from += 500) {
      List<Object> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
      var q = h.createQuery("SELECT id, port_id FROM trunks WHERE port_id IN ("
          + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")");
      for (int i = 0; i < chunk.size(); i++) {
        q.bind(i, chunk.get(i));
      }
      q.mapToMap().forEach(r -> trunkOfParent.put(r.get("port_id"), (String) r.get("id")));
    }
    if (trunkOfParent.isEmpty()) {
      return;
    }
    Map<String, List<Map<String, Object>>> subports =
        TrunkResource.subportsOf(h, new ArrayList<>(trunkOfParent.values()), true);
    for (Map<String, Object> p : ports) {
      String trunkId = trunkOfParent.get(p.get("id"));
      if (trunkId != null) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("trunk_id", trunkId);
        details.put("sub_ports", subports.getOrDefault(trunkId, List.of()));
        p.put("trunk_details", details);
      }
    }
  }
}
