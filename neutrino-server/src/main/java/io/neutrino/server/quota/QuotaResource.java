package io.neutrino.server.quota;

import io.neutrino.lib.apidef.Quota;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.db.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v2.0/quotas} (neutron/extensions/quotasv2.py QuotaSetsController and
 * quotasv2_detail.py): the member id is a project id. Authorization is Neutron's own for this
 * controller, not the generic one: a project may read its own quotas, defaults and details;
 * everything else needs {@code get_quota} / {@code update_quota} / {@code delete_quota}, which are
 * admin-only in Zed, and is refused with a 403.
 */
public final class QuotaResource implements ResourceHandler {
  private final Database db;
  private final QuotaEngine engine;
  private final List<String> resources;

  public QuotaResource(Database db, QuotaEngine engine, List<String> resources) {
    this.db = db;
    this.engine = engine;
    this.resources = List.copyOf(resources);
  }

  /**
   * This controller checks policy itself (see the class comment); the API layer should not apply
   * the generic get/update/delete rules to it. Meant as an override of a {@code ResourceHandler}
   * default method the API router consults.
   */
  @Override
  public boolean authorizesItself() {
    return true;
  }

  private static NeutronException notAuthorized(String action) {
    return Faults.forbidden(action + " is disallowed by policy");
  }

  private static void requireAdmin(RequestContext ctx, String action) {
    if (!ctx.isAdmin()) {
      throw notAuthorized(action);
    }
  }

  private static void requireOwnOrAdmin(RequestContext ctx, String project) {
    if (!project.equals(ctx.projectId())) {
      requireAdmin(ctx, "get_quota");
    }
  }

  @Override
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> resource) {
    throw new NeutronException("HTTPNotImplemented", 501,
        "POST requests are not supported on this resource.");
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String project) {
    requireOwnOrAdmin(ctx, project);
    return db.tx(h -> engine.limits(h, project, resources));
  }

  /** Projects with limits of their own, each with all its limits (Neutron's get_all_quotas). */
  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery query) {
    requireAdmin(ctx, "get_quota");
    Map<String, Map<String, Integer>> all = db.tx(engine::allProjectLimits);
    List<Map<String, Object>> out = new ArrayList<>();
    all.forEach((project, own) -> {
      Map<String, Object> q = new LinkedHashMap<>();
      for (String r : resources) {
        q.put(r, own.getOrDefault(r, engine.defaults().of(r)));
      }
      q.put("project_id", project);
      q.put("tenant_id", project);
      if (matches(q, query)) {
        out.add(q);
      }
    });
    return out;
  }

  private static boolean matches(Map<String, Object> q, ListQuery query) {
    for (var f : query.filters().entrySet()) {
      Object v = q.get(f.getKey());
      if (v == null || f.getValue().stream().noneMatch(w -> String.valueOf(w).equals(String.valueOf(v)))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Neutron's update: {@code check_limit} true refuses a limit below what the project already
   * uses (400); {@code force} is accepted and changes nothing (no check is the default in Zed).
   */
  @Override
  public Map<String, Object> update(RequestContext ctx, String project, Map<String, Object> changes) {
    requireAdmin(ctx, "update_quota");
    Map<String, Integer> limits = new LinkedHashMap<>();
    boolean checkLimit = Boolean.TRUE.equals(changes.get("check_limit"));
    for (var e : changes.entrySet()) {
      if (e.getKey().equals("check_limit") || e.getKey().equals("force")) {
        continue;
      }
      limits.put(e.getKey(), ((Number) e.getValue()).intValue());
    }
    return db.tx(h -> {
      if (checkLimit) {
        for (var e : limits.entrySet()) {
          int limit = e.getValue();
          if (limit < 0) {
            continue; // unlimited is never below the usage
          }
          long used = engine.usage(h, e.getKey(), project);
          if (used > limit) {
            throw Faults.badRequest("Quota limit " + limit + " for " + e.getKey()
                + " must be greater than or equal to already used " + used);
          }
        }
      }
      limits.forEach((r, l) -> engine.setLimit(h, project, r, l));
      return engine.limits(h, project, resources);
    });
  }

  /** Back to the defaults; a project without limits of its own is a 404 (TenantQuotaNotFound). */
  @Override
  public void delete(RequestContext ctx, String project) {
    requireAdmin(ctx, "delete_quota");
    int n = db.tx(h -> engine.deleteLimits(h, project));
    if (n < 1) {
      throw new NeutronException("TenantQuotaNotFound", 404,
          "Quota for tenant " + project + " could not be found.");
    }
  }

  /** GET {@code default} (the configured defaults) and GET {@code details} (limit, used, reserved). */
  @Override
  public Map<String, Object> action(RequestContext ctx, String project, String action,
      Map<String, Object> body) {
    switch (action) {
      case Quota.DEFAULT_ACTION -> {
        requireOwnOrAdmin(ctx, project);
        Map<String, Object> d = new LinkedHashMap<>();
        for (String r : resources) {
          d.put(r, engine.defaults().of(r));
        }
        return Map.of(Quota.MEMBER, d);
      }
      case Quota.DETAILS_ACTION -> {
        if (!project.equals(ctx.projectId()) && !ctx.isAdmin()) {
          throw new NeutronException("AdminRequired", 403, "User does not have admin privileges: "
              + "Only admin is authorized to access quotas for another project.");
        }
        return Map.of(Quota.MEMBER, db.tx(h -> {
          Map<String, Object> limits = engine.limits(h, project, resources);
          Map<String, Object> out = new LinkedHashMap<>();
          for (String r : resources) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("limit", limits.get(r));
            d.put("used", engine.usage(h, r, project));
            d.put("reserved", 0);
            out.put(r, d);
          }
          return out;
        }));
      }
      default -> throw new UnsupportedOperationException(action);
    }
  }
}
