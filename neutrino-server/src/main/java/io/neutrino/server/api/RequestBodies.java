package io.neutrino.server.api;

import io.neutrino.lib.apidef.AttributeSpec;
import io.neutrino.lib.apidef.ResourceDef;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.validate.Converter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a request body against a resource's attribute map and turns it into what a plugin
 * receives, with Neutron's order and wording (neutron/api/v2/base.py prepare_request_body and
 * neutron_lib/api/attributes.py): project filled from the context, unknown attributes refused,
 * POST defaults filled and required ones demanded, read-only attributes refused on PUT, then each
 * value converted and validated. Every failure is one 400 before any plugin runs.
 */
public final class RequestBodies {
  private RequestBodies() {}

  /** The list of member dicts of a POST body: one for {@code {member: …}}, many for bulk. */
  public static List<Map<String, Object>> membersOfPost(ResourceDef def, Object body) {
    Map<String, Object> root = rootObject(body);
    if (root.containsKey(def.bodyKey())) {
      Object items = root.get(def.bodyKey());
      if (!(items instanceof List<?> list)) {
        throw Faults.badRequest("Body contains invalid data");
      }
      if (list.isEmpty()) {
        throw Faults.badRequest("Resources required");
      }
      List<Map<String, Object>> members = new ArrayList<>();
      for (Object item : list) {
        Map<String, Object> m = asMap(item, def.member());
        if (m.containsKey(def.member()) && m.size() == 1) {
          m = asMap(m.get(def.member()), def.member());
        }
        members.add(m);
      }
      return members;
    }
    return List.of(memberOf(def, root));
  }

  public static Map<String, Object> memberOf(ResourceDef def, Object body) {
    Map<String, Object> root = rootObject(body);
    Object member = root.get(def.member());
    if (member == null) {
      throw Faults.badRequest("Unable to find '" + def.member() + "' in request body");
    }
    return asMap(member, def.member());
  }

  private static Map<String, Object> rootObject(Object body) {
    if (body == null) {
      throw Faults.badRequest("Resource body required");
    }
    if (!(body instanceof Map<?, ?> m)) {
      throw Faults.badRequest("Body contains invalid data");
    }
    if (m.isEmpty()) {
      throw Faults.badRequest("Resource body required");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) m;
    return map;
  }

  private static Map<String, Object> asMap(Object o, String member) {
    if (!(o instanceof Map<?, ?> m)) {
      throw Faults.badRequest("Object '" + member + "' contains invalid data");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = new LinkedHashMap<>((Map<String, Object>) m);
    return map;
  }

  /** A POST member made ready for the plugin: project, defaults, conversion, validation. */
  public static Map<String, Object> forCreate(
      ResourceDef def, Map<String, Object> res, RequestContext ctx) {
    populateProject(def, res, ctx);
    verifyKnown(def, res);
    Map<String, Object> out = new LinkedHashMap<>();
    for (AttributeSpec a : def.attributes().values()) {
      boolean given = res.containsKey(a.name());
      if (!a.allowPost()) {
        if (given) {
          throw Faults.badRequest("Attribute '" + a.name() + "' not allowed in POST");
        }
        continue;
      }
      if (!given) {
        if (!a.hasDefault()) {
          throw Faults.badRequest(
              "Failed to parse request. Required attribute '" + a.name() + "' not specified");
        }
        if (a.defaultValue() != AttributeSpec.NOT_SPECIFIED) {
          out.put(a.name(), a.defaultValue());
        }
        continue;
      }
      out.put(a.name(), convertAndValidate(a, res.get(a.name())));
    }
    return out;
  }

  /** A PUT member: only attributes that may change, converted and validated. */
  public static Map<String, Object> forUpdate(ResourceDef def, Map<String, Object> res) {
    verifyKnown(def, res);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : res.entrySet()) {
      AttributeSpec a = def.attribute(e.getKey());
      if (!a.allowPut()) {
        throw Faults.badRequest("Cannot update read-only attribute " + a.name());
      }
      out.put(a.name(), convertAndValidate(a, e.getValue()));
    }
    return out;
  }

  private static Object convertAndValidate(AttributeSpec a, Object value) {
    Object converted;
    try {
      converted = a.converter().convert(value);
    } catch (Converter.InvalidValue e) {
      throw invalid(a, e.getMessage());
    } catch (RuntimeException e) {
      throw invalid(a, "'" + value + "' is not valid");
    }
    String msg = a.validator().validate(converted);
    if (msg != null) {
      throw invalid(a, msg);
    }
    return converted;
  }

  private static RuntimeException invalid(AttributeSpec a, String reason) {
    return Faults.badRequest("Invalid input for " + a.name() + ". Reason: " + reason + ".");
  }

  private static void verifyKnown(ResourceDef def, Map<String, Object> res) {
    List<String> unknown = new ArrayList<>();
    for (String k : res.keySet()) {
      if (def.attribute(k) == null) {
        unknown.add(k);
      }
    }
    if (!unknown.isEmpty()) {
      throw Faults.badRequest("Unrecognized attribute(s) '" + String.join(", ", unknown) + "'");
    }
  }

  /**
   * neutron_lib's populate_project_id: {@code tenant_id} and {@code project_id} are one thing;
   * when neither is given the caller's project is used; only an admin may name another project.
   */
  private static void populateProject(ResourceDef def, Map<String, Object> res, RequestContext ctx) {
    if (def.attribute("project_id") == null) {
      return;
    }
    Object tenant = res.get("tenant_id");
    Object project = res.get("project_id");
    if (tenant != null && project != null && !Objects.equals(tenant, project)) {
      throw Faults.badRequest("Both tenant_id and project_id passed as attributes.");
    }
    Object chosen = project != null ? project : tenant;
    if (chosen == null) {
      if (ctx.projectId() == null) {
        throw Faults.badRequest("Running without keystone AuthN requires that tenant_id is specified");
      }
      chosen = ctx.projectId();
    } else if (!ctx.isAdmin() && !chosen.equals(ctx.projectId())) {
      throw Faults.badRequest("Specifying 'project_id' or 'tenant_id' other than the authenticated "
          + "project in request requires admin privileges");
    }
    res.put("tenant_id", chosen);
    res.put("project_id", chosen);
  }
}
