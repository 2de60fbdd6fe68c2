package io.neutrino.server.securitygroup;

import io.neutrino.lib.ids.Uuids;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.Where;
import io.neutrino.server.db.WriteBehind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * security-group-rules (SecurityGroupDbMixin): values made canonical and checked as Neutron does,
 * the remote group and the group must be the rule project's (any for an admin), no two rules of
 * a group may be equal (checked with the group row locked, so concurrent creators queue), and a
 * bulk POST is one group, one project and one transaction. Of a rule only the description can be
 * updated.
 */
final class SecurityGroupRuleResource implements ResourceHandler {
  private static final Set<String> INT_FILTERS = Set.of("port_range_min", "port_range_max");

  private final SgStore store;

  SecurityGroupRuleResource(SgStore store) {
    this.store = store;
  }

  @Override
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> res) {
    return createAll(ctx, List.of(res), false).get(0);
  }

  @Override
  public List<Map<String, Object>> createBulk(RequestContext ctx, List<Map<String, Object>> all) {
    return createAll(ctx, all, true);
  }

  private List<Map<String, Object>> createAll(RequestContext ctx, List<Map<String, Object>> all,
      boolean bulk) {
    if (bulk) {
      Set<Object> groups = new HashSet<>();
      Set<Object> projects = new HashSet<>();
      for (Map<String, Object> r : all) {
        groups.add(r.get("security_group_id"));
        if (groups.size() > 1) {
          throw SgFaults.badRequest("SecurityGroupNotSingleGroupRules",
              "Only allowed to update rules for one security profile at a time");
        }
        projects.add(r.get("project_id"));
        if (projects.size() > 1) {
          throw SgFaults.badRequest("SecurityGroupRulesNotSingleTenant",
              "Multiple tenant_ids in bulk security group rule create not allowed");
        }
      }
    }
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Map<String, Object> r : all) {
      rules.add(RuleChecks.normalize(r));
    }
    return store.db.tx(h -> {
      for (Map<String, Object> r : rules) {
        String remote = (String) r.get("remote_group_id");
        if (remote != null && groupOfProject(h, ctx, remote, r.get("project_id")) == null) {
          throw SgFaults.groupNotFound(remote);
        }
        String remoteAg = (String) r.get("remote_address_group_id");
        if (remoteAg != null && SecurityGroupTables.ADDRESS_GROUPS.findForUpdate(h, remoteAg)
            .filter(g -> SecurityGroupTables.ADDRESS_GROUP_RBAC.usableBy(h, ctx, g,
                (String) r.get("project_id")))
            .isEmpty()) {
          throw AddressGroupResource.notFound(remoteAg);
        }
      }
      // The group locked (concurrent creators of its rules queue up here) and, read in the same
      // round trip after the lock, the rules a new one could duplicate.
      String groupId = (String) rules.get(0).get("security_group_id");
      List<List<?>> read = store.db.selectTogether(h, List.of(
          SecurityGroupTables.GROUPS.findForUpdateRead(groupId), possibleDuplicates(groupId, rules)));
      @SuppressWarnings("unchecked")
      Map<String, Object> group = read.get(0).isEmpty() ? null : (Map<String, Object>) read.get(0).get(0);
      for (Map<String, Object> r : rules) {
        if (group == null || !SgStore.usableBy(h, ctx, group, r.get("project_id"))) {
          throw SgFaults.groupNotFound(groupId);
        }
      }
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> existing = (List<Map<String, Object>>) read.get(1);
      checkDuplicates(existing, rules);
      Instant now = Resources.now();
      List<Map<String, Object>> written = new ArrayList<>();
      for (Map<String, Object> r : rules) {
        Map<String, Object> row = new LinkedHashMap<>();
        String id = Uuids.randomString();
        row.put("id", id);
        row.put("project_id", r.get("project_id"));
        row.put("description", Objects.requireNonNullElse(r.get("description"), ""));
        row.put("created_at", now);
        row.put("updated_at", now);
        row.put("revision_number", 1L);
        for (String k : List.of("security_group_id", "remote_group_id", "remote_address_group_id",
            "direction", "ethertype",
            "protocol", "port_range_min", "port_range_max", "remote_ip_prefix", "normalized_cidr")) {
          row.put(k, r.get(k));
        }
        // Nothing reads the rule back: what a read would give is built from what was written.
        SecurityGroupTables.RULES.insertLater(h, row, WriteBehind.OnFailure.NONE);
        Map<String, Object> asRead = SecurityGroupTables.RULES.asRead(row).orElseThrow();
        store.publish("security_group_rule", Event.PRECOMMIT_CREATE, h, ctx, id, null,
            SgStore.showRule(new LinkedHashMap<>(asRead)), r);
        written.add(asRead);
      }
      SecurityGroupTables.GROUPS.bumpRevisionLocked(h, groupId, now);
      List<Map<String, Object>> out = new ArrayList<>();
      for (Map<String, Object> row : written) {
        out.add(SgStore.showRule(row));
      }
      return out;
    });
  }

  /**
   * _check_security_group with the rule's project: a group of that project or shared with it
   * (rbac-security-groups), any group for an admin. As in Zed, a project may add rules to a group
   * shared with it; the policy (create_security_group_rule) is where operators narrow that.
   */
  private static Map<String, Object> groupOfProject(Handle h, RequestContext ctx, String id, Object project) {
    return SecurityGroupTables.GROUPS.find(h, id).filter(g -> SgStore.usableBy(h, ctx, g, project)).orElse(null);
  }

  /**
   * The group's rules that could equal one of {@code rules}: all of them for a bulk create; for one
   * rule, those agreeing with it on the attributes {@link RuleChecks#key} compares as they are
   * stored (a group of many rules is not read whole for each rule added). The database may match
   * more than that (a case-insensitive collation); {@link #checkDuplicates} compares the keys.
   *
   * <p>Only columns without an index of their own narrow the read. Given {@code remote_group_id
   * IS NULL AND remote_address_group_id IS NULL} as well, MariaDB intersected those two indexes
   * with the group's (index_merge): it walked the entry of every rule in the table without a
   * remote group, every group's, and a rule create on a table of 4,000 rules cost it 2 ms of CPU.
   */
  private static Callbacks.SideRead<Map<String, Object>> possibleDuplicates(String groupId,
      List<Map<String, Object>> rules) {
    Where w = new Where().add("security_group_id = ?", List.of(groupId));
    if (rules.size() == 1) {
      Map<String, Object> r = rules.get(0);
      for (String k : List.of("direction", "ethertype", "port_range_min", "port_range_max")) {
        Object v = r.get(k);
        if (v == null) {
          w.add(k + " IS NULL", List.of());
        } else {
          w.add(k + " = ?", List.of(v));
        }
      }
    }
    return SecurityGroupTables.RULES.whereRead(w);
  }

  /** _check_for_duplicate_rules, against the group's rules that could be duplicates. */
  private static void checkDuplicates(List<Map<String, Object>> existing, List<Map<String, Object>> rules) {
    Set<String> keys = new HashSet<>();
    for (Map<String, Object> r : rules) {
      if (!keys.add(RuleChecks.key(r))) {
        throw SgFaults.conflict("DuplicateSecurityGroupRuleInPost", "Duplicate Security Group Rule in POST.");
      }
    }
    for (Map<String, Object> e : existing) {
      if (keys.contains(RuleChecks.key(e))) {
        throw SgFaults.conflict("SecurityGroupRuleExists",
            "Security group rule already exists. Rule id is " + e.get("id") + ".");
      }
    }
  }

  private static boolean visible(Handle h, RequestContext ctx, Map<String, Object> rule) {
    if (SgStore.owns(ctx, rule)) {
      return true;
    }
    return SecurityGroupTables.GROUPS.find(h, (String) rule.get("security_group_id"))
        .map(g -> Objects.equals(g.get("project_id"), ctx.projectId())).orElse(false);
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String id) {
    return store.db.read(h -> {
      Map<String, Object> row = SecurityGroupTables.RULES.find(h, id)
          .filter(r -> visible(h, ctx, r)).orElseThrow(() -> SgFaults.ruleNotFound(id));
      return SgStore.showRule(row);
    });
  }

  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery q) {
    if (ctx.projectId() != null) {
      List<Object> wanted = q.filters().getOrDefault("project_id", q.filters().get("tenant_id"));
      String project = wanted != null && !wanted.isEmpty() ? String.valueOf(wanted.get(0)) : ctx.projectId();
      // As a port create does: a default group this server saw in the last seconds is not asked
      // for again (a list of groups, where a missing default group would show, always asks).
      store.ensureDefaultSoon(ctx, project);
    }
    // Port filters that are not numbers match nothing (the lenient converter left them as given).
    Map<String, List<Object>> filters = new LinkedHashMap<>(q.filters());
    for (String k : INT_FILTERS) {
      List<Object> values = filters.get(k);
      if (values != null) {
        List<Object> ints = values.stream().filter(v -> v instanceof Integer).toList();
        if (ints.isEmpty()) {
          return List.of();
        }
        filters.put(k, ints);
      }
    }
    ListQuery query = new ListQuery(filters, q.sorts(), q.limit(), q.marker(), q.pageReverse(), q.fields());
    return store.db.read(h -> {
      Where w = new Where();
      if (!ctx.isAdmin()) {
        w.add("(securitygrouprules.project_id = ? OR securitygrouprules.security_group_id IN "
            + "(SELECT id FROM securitygroups WHERE securitygroups.project_id = ?))",
            List.of(ctx.projectId(), ctx.projectId()));
      }
      return Resources.list(h, SecurityGroupTables.RULES, query, w, Set.of(), rows -> {
        rows.forEach(SgStore::showRule);
        return rows;
      });
    });
  }

  /**
   * Only {@code description} reaches here: standard-attr-description makes it updatable on every
   * resource, and the schema refuses the rest of a rule. Zed's plugin has no
   * update_security_group_rule and answers such a request with a 500; the description is what the
   * schema promises, so it is updated (and the rule's revision with it).
   */
  @Override
  public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    return store.db.tx(h -> {
      Map<String, Object> row = SecurityGroupTables.RULES.findForUpdate(h, id)
          .filter(r -> visible(h, ctx, r)).orElseThrow(() -> SgFaults.ruleNotFound(id));
      Map<String, Object> original = SgStore.showRule(new LinkedHashMap<>(row));
      if (changes.containsKey("description")) {
        SecurityGroupTables.RULES.update(h, id,
            Map.of("description", Objects.requireNonNullElse(changes.get("description"), "")),
            Resources.now());
      }
      Map<String, Object> updated = SgStore.showRule(SecurityGroupTables.RULES.find(h, id).orElseThrow());
      store.publish("security_group_rule", Event.PRECOMMIT_UPDATE, h, ctx, id, original, updated, changes);
      return updated;
    });
  }

  @Override
  public void delete(RequestContext ctx, String id) {
    store.db.txVoid(h -> {
      Map<String, Object> row = SecurityGroupTables.RULES.find(h, id)
          .filter(r -> visible(h, ctx, r)).orElseThrow(() -> SgFaults.ruleNotFound(id));
      store.publish("security_group_rule", Event.PRECOMMIT_DELETE, h, ctx, id,
          SgStore.showRule(new LinkedHashMap<>(row)), null, null);
      SecurityGroupTables.RULES.delete(h, id);
      SecurityGroupTables.GROUPS.bumpRevision(h, (String) row.get("security_group_id"), Resources.now());
    });
  }
}
