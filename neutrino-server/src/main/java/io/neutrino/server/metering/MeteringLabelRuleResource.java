package io.neutrino.server.metering;

import io.neutrino.lib.ids.Uuids;
import inet.ipaddr.IPAddress;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.Where;
import io.neutrino.server.ipam.Cidr;
import io.neutrino.server.ipam.IpAddresses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * metering-label-rules: the plugin's checks of the prefixes (remote_ip_prefix, deprecated, or
 * source_ip_prefix / destination_ip_prefix), then remote_ip_prefix overlap with the label's rules
 * of the same direction and excluded flag. Rule creation on one label is serialised by locking
 * the label row.
 */
final class MeteringLabelRuleResource implements ResourceHandler {
  private static final List<String> PREFIXES =
      List.of("remote_ip_prefix", "source_ip_prefix", "destination_ip_prefix");

  private final MeteringPlugin plugin;

  MeteringLabelRuleResource(MeteringPlugin plugin) {
    this.plugin = plugin;
  }

  static Map<String, Object> show(Map<String, Object> row) {
    row.put("tenant_id", row.get("project_id"));
    return row;
  }

  /** Neutron answers these with its generic Invalid exception. */
  static NeutronException invalid(String message) {
    return new NeutronException("Invalid", 400, message);
  }

  private static boolean given(Object v) {
    return v instanceof String s ? !s.isEmpty() : v != null;
  }

  /**
   * What Python's ipaddress.ip_interface accepts ("addr" or "addr/len", host bits allowed), as
   * netaddr.IPNetwork prints it ("addr/len", host bits kept); {@code null} when invalid.
   */
  static String normalise(String s) {
    String addr = s;
    Integer len = null;
    int slash = s.indexOf('/');
    if (slash >= 0) {
      addr = s.substring(0, slash);
      String l = s.substring(slash + 1);
      if (!l.matches("[0-9]{1,3}")) {
        return null;
      }
      len = Integer.parseInt(l);
    }
    if (!addr.equals(addr.trim()) || addr.isEmpty()) {
      return null;
    }
    IPAddress a = IpAddresses.parseOrNull(addr);
    if (a == null) {
      return null;
    }
    int bits = a.getBitCount();
    if (len == null) {
      len = bits;
    }
    if (len > bits) {
      return null;
    }
    return IpAddresses.format(a) + "/" + len;
  }

  /** MeteringPlugin.validate_metering_label_rule. */
  static Map<String, String> validate(Map<String, Object> res) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String field : PREFIXES) {
      Object v = res.get(field);
      if (!given(v)) {
        continue;
      }
      String norm = v instanceof String s ? normalise(s) : null;
      if (norm == null) {
        throw invalid(field + ": " + v + " is invalid ['" + v
            + "' does not appear to be an IPv4 or IPv6 interface].");
      }
      out.put(field, norm);
    }
    if (out.containsKey("remote_ip_prefix")
        && (out.containsKey("source_ip_prefix") || out.containsKey("destination_ip_prefix"))) {
      throw invalid("Cannot use 'remote-ip-prefix' in conjunction with 'source-ip-prefix' or "
          + "'destination-ip-prefix'.");
    }
    if (out.isEmpty()) {
      throw invalid("You must define at least one of the following parameters 'remote_ip_prefix', "
          + "or 'source_ip_prefix' or 'destination_ip_prefix'.");
    }
    return out;
  }

  @Override
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> res) {
    Map<String, String> prefixes = validate(res);
    String labelId = (String) res.get("metering_label_id");
    String direction = (String) res.get("direction");
    boolean excluded = Boolean.TRUE.equals(res.get("excluded"));
    String id = Uuids.randomString();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("project_id", res.get("project_id"));
    row.put("metering_label_id", labelId);
    row.put("direction", direction);
    row.put("excluded", excluded);
    for (String field : PREFIXES) {
      row.put(field, prefixes.get(field));
    }
    plugin.db.txVoid(h -> {
      Map<String, Object> label = MeteringTables.LABELS.findForUpdate(h, labelId)
          .orElseThrow(() -> MeteringPlugin.labelNotFound(labelId));
      if (!MeteringLabelResource.visible(ctx, label)) {
        throw MeteringPlugin.labelNotFound(labelId);
      }
      String remote = prefixes.get("remote_ip_prefix");
      if (remote != null) {
        Cidr wanted = Cidr.parse(remote);
        List<String> existing = h.createQuery("SELECT remote_ip_prefix FROM meteringlabelrules WHERE "
                + "metering_label_id = ? AND direction = ? AND excluded = ? AND remote_ip_prefix IS NOT NULL")
            .bind(0, labelId).bind(1, direction).bind(2, excluded).mapTo(String.class).list();
        for (String other : existing) {
          Cidr o = Cidr.parseOrNull(other);
          if (o != null && o.version() == wanted.version() && o.overlaps(wanted)) {
            throw new NeutronException("MeteringLabelRuleOverlaps", 409, "Metering label rule with "
                + "remote_ip_prefix '" + res.get("remote_ip_prefix") + "' overlaps another.");
          }
        }
      }
      MeteringTables.RULES.insert(h, row);
      plugin.publish("metering_label_rule", Event.PRECOMMIT_CREATE, h, ctx, id, null, row, res);
    });
    return show(new LinkedHashMap<>(row));
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String id) {
    return plugin.db.read(h -> show(MeteringTables.RULES.find(h, id)
        .orElseThrow(() -> MeteringPlugin.ruleNotFound(id))));
  }

  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery q) {
    return plugin.db.read(h -> Resources.list(h, MeteringTables.RULES, q, new Where(), Set.of(), rows -> {
      rows.forEach(MeteringLabelRuleResource::show);
      return rows;
    }));
  }

  @Override
  public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    throw MeteringPlugin.notImplemented();
  }

  @Override
  public void delete(RequestContext ctx, String id) {
    plugin.db.txVoid(h -> {
      Map<String, Object> row = MeteringTables.RULES.findForUpdate(h, id)
          .orElseThrow(() -> MeteringPlugin.ruleNotFound(id));
      plugin.publish("metering_label_rule", Event.PRECOMMIT_DELETE, h, ctx, id, row, null, null);
      MeteringTables.RULES.delete(h, id);
    });
  }
}
