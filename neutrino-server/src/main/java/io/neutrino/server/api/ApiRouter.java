package io.neutrino.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.apidef.ResourceDef;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.NestedCollectionHandler;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.pipeline.RequestAttributes;
import io.neutrino.server.policy.Enforcer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The /v2.0 application (Neutron's APIRouter): maps every collection of the schema to the one
 * generic controller — index/create on the collection, show/update/delete on a member, member
 * actions on {@code /{collection}/{id}/{action}}, nested collections on
 * {@code /{collection}/{id}/{nested}[/{item}]} ({@link NestedRoutes}) — and the extensions listing. It parses and
 * checks requests, asks the plugin's {@link ResourceHandler}, hides what the caller may not see
 * and writes JSON. Faults become {@code {"NeutronError": …}} with their status.
 */
public final class ApiRouter extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);
  public static final String PREFIX = "/v2.0";
  public static final String DEFAULT_NOAUTH_PROJECT = "fake_project_id";

  /** neutron-lib's path_prefix values of API definitions. */
  private static final Set<String> PATH_PREFIXES = Set.of("metering", "qos", "fw", "fwaas", "vpn", "lbaas", "log");

  private final ApiSchema schema;
  private final Map<String, ResourceHandler> handlers;
  private final ApiPolicy policy;
  private final long maxBodySize;
  private final ResourceTags tags;
  /** Nested collections by "{parent}/{collection}". */
  private final Map<String, NestedCollectionHandler> nested;
  private final ObjectMapper json = new ObjectMapper();
  private final JsonBodies bodies;
  private final CreateScope createScope;

  /**
   * {@code tags} is null when the standard-attr-tag extension is not loaded; {@code nested} are
   * the plugins' nested collections; {@code createScope} runs around every create.
   */
  public ApiRouter(ApiSchema schema, Map<String, ResourceHandler> handlers,
      List<NestedCollectionHandler> nested, long maxBodySize, ResourceTags tags, Enforcer enforcer,
      CreateScope createScope) {
    this.schema = Objects.requireNonNull(schema);
    this.policy = new ApiPolicy(enforcer);
    this.handlers = Map.copyOf(handlers);
    this.maxBodySize = maxBodySize;
    this.tags = tags;
    this.createScope = Objects.requireNonNull(createScope);
    Map<String, NestedCollectionHandler> byPath = new LinkedHashMap<>();
    for (NestedCollectionHandler n : nested) {
      if (byPath.put(n.definition().parent() + "/" + n.definition().collection(), n) != null) {
        throw new IllegalStateException("two plugins serve " + n.definition());
      }
    }
    this.nested = Map.copyOf(byPath);
    Set<String> names = new java.util.HashSet<>();
    schema.collections().values().forEach(d -> names.addAll(d.attributes().keySet()));
    this.bodies = new JsonBodies(json, names);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Reply reply;
    try {
      reply = route(request);
    } catch (RuntimeException e) {
      reply = failure(request, e);
      discardUnread(request);
    }
    response.setStatus(reply.status());
    if (reply.body() == null) {
      callback.succeeded();
      return true;
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    if (reply.body() instanceof JsonBodies.Streamed streamed) {
      ResponseStream out = new ResponseStream(response);
      try {
        JsonBodies.Writer json = bodies.writer(out);
        streamed.writeTo(json);
        json.flush();
        out.finish(callback);
        return true;
      } catch (RuntimeException e) {
        if (out.committed()) {
          LOG.error("request {} {} failed after its answer began; answer cut short", request.getMethod(),
              request.getHttpURI().getPath(), e);
          callback.failed(e);
          return true;
        }
        reply = failure(request, e);
        response.setStatus(reply.status());
      }
    }
    byte[] bytes = bodies.write(reply.body());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
    return true;
  }

  /**
   * Reads what is left of a refused request's body (a 403 or 404 comes before the body is read).
   * Answered with its body still arriving, the connection is closed by Jetty after the answer,
   * and a client that already reused it for its next request gets no answer at all (the JDK's
   * client: "header parser received no bytes", seen in L3AgentSchedulerTest under load). Bodies
   * far over the limit are left: that connection is better closed.
   */
  private void discardUnread(Request request) {
    long declared = request.getLength();
    if (declared == 0 || declared > Math.max(maxBodySize * 16, 16L << 20)) {
      return;
    }
    try {
      Content.Source.consumeAll(request);
    } catch (IOException | RuntimeException ignored) {
      // already read, or the client went away: nothing left to keep the connection for
    }
  }

  /** The answer to a request that failed: its fault, a 503 on overload, else a 500. */
  private static Reply failure(Request request, RuntimeException e) {
    if (e instanceof NeutronException fault) {
      return fault(fault);
    }
    if (isPoolExhausted(e)) {
      LOG.warn("request {} {}: no database connection became free in time", request.getMethod(),
          request.getHttpURI().getPath());
      return fault(new NeutronException("ServiceUnavailable", 503,
          "The server is currently unavailable. Please try again at a later time."));
    }
    LOG.error("request {} {} failed", request.getMethod(), request.getHttpURI().getPath(), e);
    return fault(new NeutronException("HTTPInternalServerError", 500,
        "Request Failed: internal server error while processing your request."));
  }

  /** The database was reachable but every connection stayed busy: overload, not a bug. */
  private static boolean isPoolExhausted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLTransientConnectionException) {
        return true;
      }
    }
    return false;
  }

  private static Reply fault(NeutronException e) {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("type", e.type());
    err.put("message", e.getMessage());
    err.put("detail", "");
    return new Reply(e.status(), Map.of("NeutronError", err));
  }

  private Reply route(Request request) {
    String path = request.getHttpURI().getPath();
    if (!path.startsWith(PREFIX)) {
      throw notFound();
    }
    path = path.substring(PREFIX.length());
    if (path.endsWith(".json")) {
      path = path.substring(0, path.length() - ".json".length());
    }
    List<String> parts = new ArrayList<>();
    for (String p : path.split("/")) {
      if (!p.isEmpty()) {
        parts.add(p);
      }
    }
    String method = request.getMethod();
    String base = baseUrl(request);
    if (parts.isEmpty()) {
      requireMethod(method, "GET");
      return new Reply(200, resourcesDocument(base));
    }
    if (parts.get(0).equals("extensions")) {
      requireMethod(method, "GET");
      return new Reply(200, extensions(parts));
    }
    // Some extensions serve their collections under a prefix (/v2.0/metering/metering-labels,
    // /v2.0/qos/policies): the prefix only groups URLs, the collection name stays unique.
    if (parts.size() > 1 && PATH_PREFIXES.contains(parts.get(0))
        && schema.collection(parts.get(1)) != null) {
      parts.remove(0);
    }
    ResourceDef def = schema.collection(parts.get(0));
    ResourceHandler handler = handlers.get(parts.get(0));
    if (def == null || handler == null) {
      throw notFound();
    }
    RequestContext ctx = context(request);
    if (parts.size() >= 3 && schema.collection(def.collection() + "/" + parts.get(2)) != null) {
      return subResource(request, ctx, def, parts, method, base);
    }
    if (parts.size() >= 3 && parts.get(2).equals("tags") && tags != null
        && tags.supports(def.collection())) {
      return TagRoutes.handle(tags, handler, ctx, def.collection(), parts, method,
          () -> readBody(request));
    }
    NestedCollectionHandler sub = parts.size() >= 3 ? nested.get(parts.get(0) + "/" + parts.get(2)) : null;
    if (sub != null && schema.hasExtension(sub.definition().extension())) {
      return NestedRoutes.handle(sub, schema, policy, ctx, parts, method, () -> readBody(request));
    }
    if (parts.size() > 3) {
      throw notFound();
    }
    if (parts.size() == 1) {
      return switch (method) {
        case "GET" -> new Reply(200, index(request, ctx, def, handler, base));
        case "POST" -> new Reply(201, create(ctx, def, handler, readBody(request)));
        default -> throw methodNotAllowed();
      };
    }
    String id = parts.get(1);
    if (parts.size() == 3) {
      String action = parts.get(2);
      if (!def.memberActions().contains(action)) {
        throw notFound();
      }
      // Member actions are PUT (add_router_interface …) or GET (quotas' default, details).
      if (!method.equals("PUT") && !method.equals("GET")) {
        throw methodNotAllowed();
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> body = method.equals("PUT") && readBody(request) instanceof Map<?, ?> m
          ? (Map<String, Object>) m : Map.of();
      if (!handler.authorizesItself()) {
        policy.authorizeMember(ctx, def, action, shown(ctx, def, handler, id), notFound(def, id));
      }
      return new Reply(200, handler.action(ctx, id, action, body));
    }
    Set<String> fields = ListRequests.fields(queryParameters(request));
    return switch (method) {
      case "GET" -> {
        Map<String, Object> item = handler.get(ctx, id, fields);
        if (!handler.authorizesItself() && !policy.mayGet(ctx, def, item)) {
          throw notFound(def, id);
        }
        yield new Reply(200, Map.of(def.member(),
            policy.present(ctx, def, item, handler.appliesFieldsItself() ? Set.of() : fields)));
      }
      case "PUT" -> {
        // As Neutron's controller: the body is validated first, then the resource is checked.
        Map<String, Object> raw = RequestBodies.memberOf(def, readBody(request));
        Map<String, Object> changes = RequestBodies.forUpdate(def, raw);
        Map<String, Object> updated = handler.authorizesItself()
            ? handler.update(ctx, id, changes)
            : handler.checkedUpdate(ctx, id, changes, original -> {
              mayShow(ctx, def, handler, id, original);
              checkRevision(request, original);
              policy.authorizeUpdate(ctx, def, original, changes, notFound(def, id));
            });
        yield new Reply(200, Map.of(def.member(), policy.present(ctx, def, updated, Set.of())));
      }
      case "DELETE" -> {
        if (handler.authorizesItself()) {
          handler.delete(ctx, id);
        } else {
          handler.checkedDelete(ctx, id, original -> {
            mayShow(ctx, def, handler, id, original);
            checkRevision(request, original);
            policy.authorizeMember(ctx, def, "delete_" + def.member(), original, notFound(def, id));
          });
        }
        yield new Reply(204, null);
      }
      default -> throw methodNotAllowed();
    };
  }

  private Object index(
      Request request, RequestContext ctx, ResourceDef def, ResourceHandler handler, String base) {
    return index(request, ctx, def, def, (q, pieces) -> handler.list(ctx, q, pieces),
        handler.authorizesItself(), Map.of(), base);
  }

  /**
   * A list: {@code policyDef} names the policy rules ({@code get_<member>}), {@code parentKeys}
   * are added to each item for the policy check only (a sub-resource's ext_parent id). The request
   * is checked here; the plugin is asked while the answer is sent, and its items are checked,
   * shown and written piece by piece as it hands them over, so a list of any length takes about
   * one piece of memory (see {@link ResponseStream}).
   */
  private JsonBodies.Streamed index(Request request, RequestContext ctx, ResourceDef def,
      ResourceDef policyDef, BiConsumer<ListQuery, Consumer<List<Map<String, Object>>>> lister,
      boolean authorizesItself, Map<String, Object> parentKeys, String base) {
    Map<String, List<String>> params = queryParameters(request);
    ListQuery query = ListRequests.parse(def, params, schema.hasExtension("standard-attr-tag"));
    ApiPolicy.Presenter presenter = policy.presenter(ctx, policyDef, query.fields());
    String key = def.primaryKey();
    String url = base + request.getHttpURI().getPath();
    return out -> {
      out.startObject().field(def.bodyKey()).startArray();
      // What the pagination links need: the plugin's items, before the policy drops any.
      Listed listed = new Listed();
      lister.accept(query, items -> {
        for (Map<String, Object> item : items) {
          listed.add(item.get(key));
          if (authorizesItself || policy.mayGet(ctx, policyDef, withKeys(item, parentKeys))) {
            out.object(item, presenter.shows(item));
          }
        }
      });
      out.endArray();
      if (query.limit() != null) {
        List<Map<String, Object>> links = paginationLinks(url, params, listed, query);
        if (!links.isEmpty()) {
          out.field(def.bodyKey() + "_links").value(links);
        }
      }
      out.endObject();
    };
  }

  /** How many items a plugin listed, and the keys of the first and the last. */
  private static final class Listed {
    int count;
    Object first;
    Object last;

    void add(Object key) {
      if (count++ == 0) {
        first = key;
      }
      last = key;
    }
  }

  /** neutron/api/api_common.py get_pagination_links, quirks included. */
  private static List<Map<String, Object>> paginationLinks(String url,
      Map<String, List<String>> params, Listed items, ListQuery q) {
    List<Map<String, Object>> links = new ArrayList<>();
    int limit = q.limit();
    if (!(items.count < limit && !q.pageReverse())) {
      Map<String, List<String>> p = new LinkedHashMap<>(params);
      p.remove("marker");
      p.remove("page_reverse");
      if (items.count > 0) {
        p.put("marker", List.of((String) items.last));
      }
      links.add(Map.of("rel", "next", "href", url + "?" + encode(p)));
    }
    if (!(items.count < limit && q.pageReverse())) {
      Map<String, List<String>> p = new LinkedHashMap<>(params);
      p.remove("marker");
      if (items.count > 0) {
        p.put("marker", List.of((String) items.first));
      }
      p.put("page_reverse", List.of("True"));
      links.add(Map.of("rel", "previous", "href", url + "?" + encode(p)));
    }
    return links;
  }

  private static String encode(Map<String, List<String>> params) {
    List<String> parts = new ArrayList<>();
    params.forEach((k, vs) -> vs.forEach(v -> parts.add(
        URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8))));
    return String.join("&", parts);
  }

  private Map<String, Object> create(
      RequestContext ctx, ResourceDef def, ResourceHandler handler, Object body) {
    List<Map<String, Object>> raws = RequestBodies.membersOfPost(def, body);
    boolean bulk = body instanceof Map<?, ?> m && m.containsKey(def.bodyKey());
    List<Map<String, Object>> ready = new ArrayList<>();
    for (Map<String, Object> raw : raws) {
      Map<String, Object> res = RequestBodies.forCreate(def, raw, ctx);
      policy.authorizeCreate(ctx, def, res);
      ready.add(res);
    }
    Set<String> projects = new LinkedHashSet<>();
    for (Map<String, Object> res : ready) {
      if (res.get("project_id") instanceof String project) {
        projects.add(project);
      }
    }
    if (!bulk) {
      Map<String, Object> one = createScope.run(def.member(), projects, () -> handler.create(ctx, ready.get(0)));
      return Map.of(def.member(), policy.present(ctx, def, one, Set.of()));
    }
    List<Map<String, Object>> created = createScope.run(def.member(), projects, () -> handler.createBulk(ctx, ready));
    ApiPolicy.Presenter presenter = policy.presenter(ctx, def, Set.of());
    List<Map<String, Object>> shown = new ArrayList<>(created.size());
    for (Map<String, Object> c : created) {
      shown.add(presenter.present(c));
    }
    return Map.of(def.bodyKey(), shown);
  }

  private static Map<String, Object> withKeys(Map<String, Object> item, Map<String, Object> keys) {
    if (keys.isEmpty()) {
      return item;
    }
    Map<String, Object> out = new LinkedHashMap<>(item);
    out.putAll(keys);
    return out;
  }

  /**
   * {@code /{parent}/{parent id}/{collection}[/{id}]}: a sub-resource (floating IP port
   * forwardings), as Neutron's pecan controllers serve SUB_RESOURCE_ATTRIBUTE_MAP collections. The
   * handler gets the parent's id; policy rules are named after parent and member ({@code
   * create_floatingip_port_forwarding}) and see {@code ext_parent_<parent>_id}, so {@code
   * ext_parent_owner} checks the parent's owner. Bulk creation is emulated: all or nothing.
   */
  private Reply subResource(Request request, RequestContext ctx, ResourceDef parentDef,
      List<String> parts, String method, String base) {
    ResourceDef def = schema.collection(parentDef.collection() + "/" + parts.get(2));
    if (!(handlers.get(def.key()) instanceof io.neutrino.lib.spi.SubResourceHandler handler)
        || parts.size() > 4) {
      throw notFound();
    }
    String parentId = parts.get(1);
    ResourceDef policyDef = new ResourceDef(def.collection(), parentDef.member() + "_" + def.member(),
        def.label(), def.attributes(), def.memberActions(), def.parent());
    Map<String, Object> parentKeys = Map.of("ext_parent_" + parentDef.member() + "_id", parentId);
    if (parts.size() == 3) {
      return switch (method) {
        case "GET" -> new Reply(200, index(request, ctx, def, policyDef,
            (q, pieces) -> pieces.accept(handler.list(ctx, parentId, q)), false, parentKeys, base));
        case "POST" -> {
          Object body = readBody(request);
          List<Map<String, Object>> ready = new ArrayList<>();
          for (Map<String, Object> raw : RequestBodies.membersOfPost(def, body)) {
            Map<String, Object> res = RequestBodies.forCreate(def, raw, ctx);
            policy.authorizeCreate(ctx, policyDef, withKeys(res, parentKeys));
            ready.add(res);
          }
          List<Map<String, Object>> created = new ArrayList<>();
          try {
            for (Map<String, Object> res : ready) {
              created.add(policy.present(ctx, policyDef, handler.create(ctx, parentId, res), Set.of()));
            }
          } catch (RuntimeException e) {
            for (Map<String, Object> c : created) {
              try {
                handler.delete(ctx, parentId, (String) c.get("id"));
              } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
              }
            }
            throw e;
          }
          boolean bulk = body instanceof Map<?, ?> m && m.containsKey(def.bodyKey());
          yield new Reply(201, bulk ? Map.of(def.bodyKey(), created) : Map.of(def.member(), created.get(0)));
        }
        default -> throw methodNotAllowed();
      };
    }
    String id = parts.get(3);
    NeutronException notFound = notFound(def, id);
    Map<String, Object> original = handler.get(ctx, parentId, id);
    if (!policy.mayGet(ctx, policyDef, withKeys(original, parentKeys))) {
      throw notFound;
    }
    return switch (method) {
      case "GET" -> new Reply(200, Map.of(def.member(), policy.present(ctx, policyDef, original,
          ListRequests.fields(queryParameters(request)))));
      case "PUT" -> {
        checkRevision(request, original);
        Map<String, Object> changes = RequestBodies.forUpdate(def,
            RequestBodies.memberOf(def, readBody(request)));
        policy.authorizeUpdate(ctx, policyDef, withKeys(original, parentKeys), changes, notFound);
        yield new Reply(200, Map.of(def.member(),
            policy.present(ctx, policyDef, handler.update(ctx, parentId, id, changes), Set.of())));
      }
      case "DELETE" -> {
        checkRevision(request, original);
        policy.authorizeMember(ctx, policyDef, "delete_" + policyDef.member(),
            withKeys(original, parentKeys), notFound);
        handler.delete(ctx, parentId, id);
        yield new Reply(204, null);
      }
      default -> throw methodNotAllowed();
    };
  }

  /** The resource if the plugin and the policy let the caller see it, else its NotFound. */
  private Map<String, Object> shown(
      RequestContext ctx, ResourceDef def, ResourceHandler handler, String id) {
    Map<String, Object> item = handler.get(ctx, id);
    mayShow(ctx, def, handler, id, item);
    return item;
  }

  /** A resource the caller may not see is one that does not exist (404), as for a show. */
  private void mayShow(RequestContext ctx, ResourceDef def, ResourceHandler handler, String id,
      Map<String, Object> item) {
    if (!handler.authorizesItself() && !policy.mayGet(ctx, def, item)) {
      throw notFound(def, id);
    }
  }

  private static NeutronException notFound(ResourceDef def, String id) {
    return Faults.notFound(def.label(), id);
  }

  /** {@code If-Match: revision_number=N} (revision-if-match): 412 when the resource moved on. */
  private static void checkRevision(Request request, Map<String, Object> current) {
    String header = request.getHeaders().get(HttpHeader.IF_MATCH);
    if (header == null) {
      return;
    }
    for (String part : header.split(",")) {
      String p = part.trim();
      if (!p.startsWith("revision_number=")) {
        continue;
      }
      long wanted;
      try {
        wanted = Long.parseLong(p.substring("revision_number=".length()));
      } catch (NumberFormatException e) {
        throw Faults.badRequestFor("if-match",
            "If-Match header without a valid revision_number: expected revision_number=<int>");
      }
      Object revision = current.get("revision_number");
      if (revision == null || ((Number) revision).longValue() != wanted) {
        throw Faults.preconditionFailed("Constrained update failed: revision_number "
            + revision + " does not match the expected revision number " + wanted + ".");
      }
    }
  }

  private Map<String, Object> extensions(List<String> parts) {
    if (parts.size() == 1) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (ExtensionDef e : schema.extensions().values()) {
        list.add(extensionDocument(e));
      }
      return Map.of("extensions", list);
    }
    ExtensionDef e = schema.extensions().get(parts.get(1));
    if (e == null || parts.size() > 2) {
      throw new NeutronException("HTTPNotFound", 404,
          "Extension with alias " + parts.get(1) + " does not exist");
    }
    return Map.of("extension", extensionDocument(e));
  }

  private static Map<String, Object> extensionDocument(ExtensionDef e) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("name", e.name());
    d.put("alias", e.alias());
    d.put("description", e.description());
    d.put("updated", e.updated());
    d.put("links", List.of());
    return d;
  }

  private Map<String, Object> resourcesDocument(String base) {
    List<Map<String, Object>> resources = new ArrayList<>();
    for (ResourceDef r : schema.collections().values()) {
      if (r.parent() != null || !handlers.containsKey(r.collection())) {
        continue;
      }
      resources.add(Map.of("name", r.member(), "collection", r.collection(),
          "links", List.of(Map.of("href", base + PREFIX + "/" + r.collection(), "rel", "self"))));
    }
    return Map.of("resources", resources);
  }

  /**
   * The caller: the context a filter (keystonecontext) attached, or the noauth one Neutron's
   * NoauthFakeProjectId makes — the project of the {@code X-Project-Id} header with the roles of
   * {@code X-Roles}, else the fixed default project with admin rights.
   */
  private RequestContext context(Request request) {
    if (request.getAttribute(RequestAttributes.CONTEXT) instanceof RequestContext c) {
      return c;
    }
    String requestId = Objects.toString(request.getAttribute(RequestAttributes.REQUEST_ID), null);
    String project = request.getHeaders().get("X-Project-Id");
    if (project == null) {
      project = request.getHeaders().get("X-Tenant-Id");
    }
    String user = request.getHeaders().get("X-User-Id");
    if (project == null || project.isEmpty()) {
      return new RequestContext(user, DEFAULT_NOAUTH_PROJECT, List.of("admin"), true, requestId);
    }
    String rolesHeader = request.getHeaders().get("X-Roles");
    List<String> roles = new ArrayList<>();
    if (rolesHeader != null) {
      for (String r : rolesHeader.split(",")) {
        if (!r.isBlank()) {
          roles.add(r.trim());
        }
      }
    }
    return new RequestContext(user, project, roles, policy.isAdmin(user, project, roles), requestId);
  }

  private Object readBody(Request request) {
    long declared = request.getLength();
    // Bodies somewhat over the limit are read before refusing them, so the client (still sending)
    // sees the 413 rather than a reset connection; far larger ones are cut off at once.
    if (declared > Math.max(maxBodySize * 16, 16L << 20)) {
      throw new NeutronException("HTTPRequestEntityTooLarge", 413, "Request is too large.");
    }
    String text;
    try {
      text = Content.Source.asString(request, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Faults.badRequest("Malformed request body");
    }
    if (text.length() > maxBodySize) {
      throw new NeutronException("HTTPRequestEntityTooLarge", 413, "Request is too large.");
    }
    if (text.isBlank()) {
      return null;
    }
    try {
      return json.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw Faults.badRequest("Malformed request body");
    }
  }

  private static Map<String, List<String>> queryParameters(Request request) {
    Fields fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (Fields.Field f : fields) {
      params.computeIfAbsent(f.getName(), k -> new ArrayList<>()).addAll(f.getValues());
    }
    return params;
  }

  private static String baseUrl(Request request) {
    if (request.getAttribute(RequestAttributes.BASE_URL) instanceof String s) {
      return s;
    }
    var uri = request.getHttpURI();
    return uri.getScheme() + "://" + uri.getAuthority();
  }

  private static void requireMethod(String method, String allowed) {
    if (!method.equals(allowed)) {
      throw methodNotAllowed();
    }
  }

  private static NeutronException notFound() {
    return new NeutronException("HTTPNotFound", 404, "The resource could not be found.");
  }

  private static NeutronException methodNotAllowed() {
    return new NeutronException("HTTPMethodNotAllowed", 405,
        "The server could not comply with the request since it is either malformed or otherwise incorrect.");
  }
}
