package io.neutrino.server.metering;

import io.neutrino.lib.ids.Uuids;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.Where;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** metering-labels: created and deleted only; deleting a label deletes its rules. */
final class MeteringLabelResource implements ResourceHandler {
  private final MeteringPlugin plugin;

  MeteringLabelResource(MeteringPlugin plugin) {
    this.plugin = plugin;
  }

  static boolean visible(RequestContext ctx, Map<String, Object> row) {
    return ctx.isAdmin() || Objects.equals(ctx.projectId(), row.get("project_id"));
  }

  static Map<String, Object> show(Map<String, Object> row) {
    row.put("tenant_id", row.get("project_id"));
    return row;
  }

  @Override
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> res) {
    String id = Uuids.randomString();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("project_id", res.get("project_id"));
    row.put("name", res.getOrDefault("name", ""));
    row.put("description", res.getOrDefault("description", ""));
    row.put("shared", Boolean.TRUE.equals(res.get("shared")));
    plugin.db.txVoid(h -> {
      MeteringTables.LABELS.insert(h, row);
      plugin.publish("metering_label", Event.PRECOMMIT_CREATE, h, ctx, id, null, row, res);
    });
    return show(new LinkedHashMap<>(row));
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String id) {
    return plugin.db.read(h -> {
      Map<String, Object> row = MeteringTables.LABELS.find(h, id)
          .orElseThrow(() -> MeteringPlugin.labelNotFound(id));
      if (!visible(ctx, row)) {
        throw MeteringPlugin.labelNotFound(id);
      }
      return show(row);
    });
  }

  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery q) {
    return plugin.db.read(h -> {
      Where w = new Where();
      if (!ctx.isAdmin()) {
        w.add("meteringlabels.project_id = ?", List.of(ctx.projectId()));
      }
      return Resources.list(h, MeteringTables.LABELS, q, w, Set.of(), rows -> {
        rows.forEach(MeteringLabelResource::show);
        return rows;
      });
    });
  }

  @Override
  public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    throw MeteringPlugin.notImplemented();
  }

  @Override
  public void delete(RequestContext ctx, String id) {
    plugin.db.txVoid(h -> {
      Map<String, Object> row = MeteringTables.LABELS.findForUpdate(h, id)
          .orElseThrow(() -> MeteringPlugin.labelNotFound(id));
      if (!visible(ctx, row)) {
        throw MeteringPlugin.labelNotFound(id);
      }
      for (Map<String, Object> rule : MeteringTables.RULES.findWhere(h, "metering_label_id", id)) {
        String ruleId = (String) rule.get("id");
        plugin.publish("metering_label_rule", Event.PRECOMMIT_DELETE, h, ctx, ruleId, rule, null, null);
        MeteringTables.RULES.delete(h, ruleId);
      }
      plugin.publish("metering_label", Event.PRECOMMIT_DELETE, h, ctx, id, row, null, null);
      MeteringTables.LABELS.delete(h, id);
    });
  }
}
