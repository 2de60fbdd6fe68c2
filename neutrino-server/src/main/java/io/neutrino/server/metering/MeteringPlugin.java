package io.neutrino.server.metering;

import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.apidef.Metering;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.events.ResourceEvent;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.Plugin;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.db.Database;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Neutron's MeteringPlugin ({@code metering}), API side: metering labels and their rules
 * (neutron/db/metering/metering_db.py, neutron/services/metering/metering_plugin.py). No agent
 * is notified.
 */
public final class MeteringPlugin implements Plugin {
  final Database db;
  final Callbacks callbacks;
  private final Map<String, ResourceHandler> handlers;

  public MeteringPlugin(Database db, Callbacks callbacks) {
    this.db = db;
    this.callbacks = callbacks;
    this.handlers = Map.of(Metering.LABELS, new MeteringLabelResource(this),
        Metering.RULES, new MeteringLabelRuleResource(this));
  }

  @Override
  public Map<String, ResourceHandler> handlers() {
    return handlers;
  }

  @Override
  public List<ExtensionDef> supportedExtensions() {
    return Metering.all();
  }

  void publish(String resource, Event event, Handle tx, RequestContext ctx, String id,
      Map<String, Object> original, Map<String, Object> latest, Map<String, Object> request) {
    callbacks.publish(new ResourceEvent(resource, event, ctx, id, original, latest, request, tx));
  }

  static NeutronException labelNotFound(String id) {
    return new NeutronException("MeteringLabelNotFound", 404, "Metering label '" + id + "' does not exist.");
  }

  static NeutronException ruleNotFound(String id) {
    return new NeutronException("MeteringLabelRuleNotFound", 404,
        "Metering label rule '" + id + "' does not exist.");
  }

  /** Neutron's metering resources have no update (NotImplementedError: 501). */
  static NeutronException notImplemented() {
    return new NeutronException("HTTPNotImplemented", 501,
        "The server has either erred or is incapable of performing the requested operation.");
  }
}
