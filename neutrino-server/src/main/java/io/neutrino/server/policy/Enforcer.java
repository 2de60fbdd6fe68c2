package io.neutrino.server.policy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.neutrino.lib.apidef.AttributeSpec;
import io.neutrino.lib.apidef.ResourceDef;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.fault.NeutronException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Neutron's policy engine: oslo.policy's Enforcer with neutron/policy.py on top.
 *
 * <p>Rules are the defaults given at construction, overridden by name by the policy file
 * (YAML or JSON, read as oslo does: JSON first, then YAML) and then by every non-hidden file
 * of each policy_dirs directory (sorted by name). A missing file or directory is not an error
 * (logged once at INFO, picked up when it appears). Files are re-read when their modification
 * time or size changes, checked at most once a second on the calling thread. A file that does
 * not parse is logged and its last good content (or nothing) is kept; a rule that does not parse
 * is logged and means "!".
 *
 * <p>Rules are compiled once per load into check trees; evaluation does no parsing and, for the
 * common checks, no string building. Parent-resource lookups of owner checks
 * ({@code tenant_id:%(network:tenant_id)s}) and of {@code field:networks:shared} on non-network
 * targets go through the lookup function given at construction and are cached for 5 seconds, as
 * Neutron's OwnerCheck caches them.
 *
 * <p>As neutron/policy.py does, with {@code enforce_new_defaults = False} a context whose
 * {@code isAdmin} is set passes every check without evaluating rules.
 */
public final class Enforcer {
  private static final Logger LOG = LoggerFactory.getLogger(Enforcer.class);
  private static final Duration PARENT_TTL = Duration.ofSeconds(5);
  private static final int PARENT_CACHE_MAX = 10_000;

  private final Map<String, Check> defaultChecks;
  private final Optional<Path> policyFile;
  private final List<Path> policyDirs;
  private final BiFunction<String, String, Map<String, Object>> lookup;
  private final boolean enforceNewDefaults;
  private final Eval.ParentLookup parentLookup = this::parent;

  private volatile RuleSet rules;
  private volatile Function<String, ResourceDef> resourceDefs = c -> null;
  private volatile long reloadIntervalNanos = Duration.ofSeconds(1).toNanos();
  private final AtomicLong nextStat = new AtomicLong();
  private final Object loadLock = new Object();
  private final Map<Path, LoadedFile> files = new HashMap<>();
  private final Set<Path> reportedMissing = ConcurrentHashMap.newKeySet();
  private List<String> lastStamp;
  private final Map<String, Cached> parentCache = new ConcurrentHashMap<>();

  private record LoadedFile(long mtime, long size, Map<String, Check> checks) {}

  private record Cached(long expires, Map<String, Object> value) {}

  /**
   * An enforcer with Zed's defaults behaving as {@code enforce_new_defaults = False}.
   *
   * @param defaults rule name to check string (see {@link DefaultPolicies#neutronZed(boolean)})
   * @param policyFile the resolved {@code [oslo_policy] policy_file}, if any
   * @param policyDirs the resolved {@code [oslo_policy] policy_dirs}
   * @param lookup fetches a parent resource with admin rights: (resource type such as
   *     "network", id) to its API dict, or null when it does not exist
   */
  public Enforcer(Map<String, String> defaults, Optional<Path> policyFile, List<Path> policyDirs,
      BiFunction<String, String, Map<String, Object>> lookup) {
    this(defaults, policyFile, policyDirs, lookup, false);
  }

  /** As above; {@code enforceNewDefaults} only switches off the legacy is_admin shortcut. */
  public Enforcer(Map<String, String> defaults, Optional<Path> policyFile, List<Path> policyDirs,
      BiFunction<String, String, Map<String, Object>> lookup, boolean enforceNewDefaults) {
    this.defaultChecks = PolicyParser.compileAll(defaults);
    this.policyFile = Objects.requireNonNull(policyFile);
    this.policyDirs = List.copyOf(policyDirs);
    this.lookup = lookup;
    this.enforceNewDefaults = enforceNewDefaults;
    synchronized (loadLock) {
      refresh();
    }
    nextStat.set(System.nanoTime() + reloadIntervalNanos);
  }

  /** Neutron Zed: its defaults for the mode, plus the operator's files. */
  public static Enforcer neutronZed(boolean enforceNewDefaults, Optional<Path> policyFile,
      List<Path> policyDirs, BiFunction<String, String, Map<String, Object>> lookup) {
    return new Enforcer(DefaultPolicies.neutronZed(enforceNewDefaults), policyFile, policyDirs,
        lookup, enforceNewDefaults);
  }

  /**
   * Lets {@link #check(String, Map, RequestContext)} and {@link #enforce(String, Map,
   * RequestContext)} add attribute rules, as Neutron does from its global attribute map:
   * collection name ("networks") to its schema, or null.
   */
  public Enforcer withResourceDefinitions(Function<String, ResourceDef> byCollection) {
    this.resourceDefs = Objects.requireNonNull(byCollection);
    return this;
  }

  /** How often the files are checked for changes (default one second). */
  public Enforcer withReloadInterval(Duration interval) {
    this.reloadIntervalNanos = interval.toNanos();
    nextStat.set(System.nanoTime());
    return this;
  }

  public boolean enforceNewDefaults() {
    return enforceNewDefaults;
  }

  // ---------------------------------------------------------------- checks

  /**
   * neutron.policy.check: whether {@code ctx} may perform {@code action} on {@code target}. For
   * create/update actions of a resource known through {@link #withResourceDefinitions}, the
   * attribute rules of the explicitly set attributes are and-ed in (see {@link AttributeRules}).
   */
  public boolean check(String action, Map<String, Object> target, RequestContext ctx) {
    if (adminShortcut(ctx)) {
      return true;
    }
    RuleSet rs = rules();
    if (!AttributeRules.attributeBased(action)) {
      return evalRule(rs, action, target, ctx);
    }
    return eval(rs, matchRule(action, target).check(), target, ctx);
  }

  /** check() with might_not_exist: true when no rule of that exact name is defined. */
  public boolean checkIfExists(String action, Map<String, Object> target, RequestContext ctx) {
    if (adminShortcut(ctx)) {
      return true;
    }
    RuleSet rs = rules();
    if (rs.get(action) == null) {
      return true;
    }
    return check(action, target, ctx);
  }

  /** Evaluates a match rule built by {@link AttributeRules#build}. */
  public boolean check(MatchRule rule, Map<String, Object> target, RequestContext ctx) {
    if (adminShortcut(ctx)) {
      return true;
    }
    return eval(rules(), rule.check(), target, ctx);
  }

  /**
   * neutron.policy.enforce: as {@link #check(String, Map, RequestContext)}, failing with
   * NeutronException("PolicyNotAuthorized", 403, "MATCH_RULE is disallowed by policy") where
   * MATCH_RULE is oslo's rendering of what was checked, e.g. {@code rule:get_network} or
   * {@code (rule:create_network and rule:create_network:shared)}.
   */
  public void enforce(String action, Map<String, Object> target, RequestContext ctx) {
    if (adminShortcut(ctx)) {
      return;
    }
    RuleSet rs = rules();
    if (!AttributeRules.attributeBased(action)) {
      if (!evalRule(rs, action, target, ctx)) {
        throw notAuthorized("rule:" + action);
      }
      return;
    }
    MatchRule rule = matchRule(action, target);
    if (!eval(rs, rule.check(), target, ctx)) {
      throw notAuthorized(rule.toString());
    }
  }

  /** Enforces a match rule built by {@link AttributeRules#build}. */
  public void enforce(MatchRule rule, Map<String, Object> target, RequestContext ctx) {
    if (!check(rule, target, ctx)) {
      throw notAuthorized(rule.toString());
    }
  }

  /**
   * The attribute rules Neutron would check for this request, with the action first:
   * {@code ["create_network", "create_network:shared"]}. {@code attributesToUpdate} is null
   * for a create.
   */
  public static MatchRule matchRule(String action, ResourceDef def, Map<String, Object> target,
      Collection<String> attributesToUpdate) {
    return AttributeRules.build(action, def, target, attributesToUpdate);
  }

  private MatchRule matchRule(String action, Map<String, Object> target) {
    ResourceDef def = resourceDefs.apply(AttributeRules.collectionOf(action));
    return AttributeRules.build(action, def, target, null);
  }

  /** The exception Neutron answers a denied policy check with. */
  public static NeutronException notAuthorized(String rule) {
    return new NeutronException("PolicyNotAuthorized", 403, rule + " is disallowed by policy");
  }

  /**
   * neutron-lib's check_is_admin: the {@code context_is_admin} rule evaluated with the caller's
   * credentials as both target and credentials (used by keystonecontext to set is_admin).
   */
  public boolean isAdmin(String userId, String projectId, List<String> roles) {
    return credentialRule("context_is_admin",
        new RequestContext(userId, projectId, roles, false, "policy"));
  }

  public boolean isAdmin(RequestContext ctx) {
    return isAdmin(ctx.userId(), ctx.projectId(), ctx.roles());
  }

  /** neutron-lib's check_is_advsvc ({@code context_is_advsvc}). */
  public boolean isAdvsvc(RequestContext ctx) {
    return credentialRule("context_is_advsvc", ctx);
  }

  private boolean credentialRule(String name, RequestContext ctx) {
    Check c = rules().get(name);
    return c != null && c.eval(new Eval(Creds.asMap(ctx), ctx, rules(), parentLookup));
  }

  /**
   * The attributes of a resource dict Neutron strips from a response because the caller fails
   * their {@code get_MEMBER:ATTR} rule (attributes without such a rule stay). A hidden
   * tenant_id hides project_id too. {@code member} is the singular name: "network", "port".
   */
  public List<String> hiddenAttributes(String member, Map<String, Object> target,
      RequestContext ctx) {
    if (adminShortcut(ctx) || target == null || target.isEmpty()) {
      return List.of();
    }
    RuleSet rs = rules();
    Map<String, Check> readRules = rs.readRules(member);
    if (readRules.isEmpty()) {
      return List.of();
    }
    List<String> hidden = null;
    Eval e = null;
    for (String attr : target.keySet()) {
      Check c = readRules.get(attr);
      if (c == null || attr.equals("project_id")) {
        continue;
      }
      if (e == null) {
        e = new Eval(target, ctx, rs, parentLookup);
      }
      if (!c.eval(e)) {
        hidden = add(hidden, attr);
      }
    }
    return hidden == null ? List.of() : hidden;
  }

  /**
   * As {@link #hiddenAttributes(String, Map, RequestContext)}, also hiding what the schema does
   * not show (attributes unknown to it or not is_visible), as Neutron's policy hook does.
   */
  public List<String> hiddenAttributes(ResourceDef def, Map<String, Object> target,
      RequestContext ctx) {
    if (target == null || target.isEmpty()) {
      return List.of();
    }
    boolean shortcut = adminShortcut(ctx);
    RuleSet rs = rules();
    Map<String, Check> readRules = shortcut ? Map.of() : rs.readRules(def.member());
    List<String> hidden = null;
    Eval e = null;
    for (String attr : target.keySet()) {
      if (attr.equals("project_id")) {
        continue;
      }
      AttributeSpec spec = def.attribute(attr);
      boolean show = spec != null && spec.visible();
      if (show) {
        Check c = readRules.get(attr);
        if (c != null) {
          if (e == null) {
            e = new Eval(target, ctx, rs, parentLookup);
          }
          show = c.eval(e);
        }
      }
      if (!show) {
        hidden = add(hidden, attr);
      }
    }
    return hidden == null ? List.of() : hidden;
  }

  private static List<String> add(List<String> hidden, String attr) {
    List<String> h = hidden == null ? new ArrayList<>(4) : hidden;
    h.add(attr);
    if (attr.equals("tenant_id")) {
      h.add("project_id");
    }
    return h;
  }

  // ---------------------------------------------------------------- rules

  /** Whether a rule of exactly this name is defined. */
  public boolean ruleExists(String name) {
    return rules().get(name) != null;
  }

  /** The effective rule of that name in oslo's rendering, or null. */
  public String ruleText(String name) {
    Check c = rules().get(name);
    return c == null ? null : c.toString();
  }

  /** Names of all effective rules. */
  public Set<String> ruleNames() {
    return rules().names();
  }

  /** Re-reads the policy files now if they changed. */
  public void reload() {
    synchronized (loadLock) {
      refresh();
    }
  }

  private boolean adminShortcut(RequestContext ctx) {
    return !enforceNewDefaults && ctx.isAdmin();
  }

  private boolean evalRule(RuleSet rs, String action, Map<String, Object> target,
      RequestContext ctx) {
    Check c = rs.resolve(action);
    return c != null && c.eval(new Eval(target, ctx, rs, parentLookup));
  }

  private boolean eval(RuleSet rs, Check c, Map<String, Object> target, RequestContext ctx) {
    return c.eval(new Eval(target, ctx, rs, parentLookup));
  }

  RuleSet rules() {
    long next = nextStat.get();
    long now = System.nanoTime();
    if (now - next >= 0 && nextStat.compareAndSet(next, now + reloadIntervalNanos)) {
      synchronized (loadLock) {
        refresh();
      }
    }
    return rules;
  }

  private void refresh() {
    List<Path> paths = new ArrayList<>();
    List<String> stamp = new ArrayList<>();
    Map<Path, BasicFileAttributes> attrs = new HashMap<>();
    policyFile.ifPresent(p -> addIfFile(p, paths, stamp, attrs));
    for (Path dir : policyDirs) {
      if (!Files.isDirectory(dir)) {
        missing(dir, "policy directory");
        continue;
      }
      reportedMissing.remove(dir);
      List<Path> inDir;
      try (Stream<Path> s = Files.list(dir)) {
        inDir = s.filter(p -> !p.getFileName().toString().startsWith("."))
            .filter(Files::isRegularFile).sorted().toList();
      } catch (IOException ex) {
        LOG.error("Cannot list policy directory {}: {}", dir, ex.toString());
        continue;
      }
      for (Path p : inDir) {
        addIfFile(p, paths, stamp, attrs);
      }
    }
    if (rules != null && stamp.equals(lastStamp)) {
      return;
    }
    Map<String, Check> effective = new HashMap<>(defaultChecks);
    Map<Path, LoadedFile> keep = new LinkedHashMap<>();
    for (Path p : paths) {
      BasicFileAttributes a = attrs.get(p);
      java.time.Instant t = a.lastModifiedTime().toInstant();
      long mtime = t.getEpochSecond() * 1_000_000_000L + t.getNano();
      LoadedFile lf = files.get(p);
      if (lf == null || lf.mtime() != mtime || lf.size() != a.size()) {
        Map<String, Check> checks = readPolicyFile(p);
        if (checks == null) {
          checks = lf == null ? Map.of() : lf.checks();
        } else {
          LOG.info("Loaded {} policy rules from {}", checks.size(), p);
        }
        lf = new LoadedFile(mtime, a.size(), checks);
      }
      keep.put(p, lf);
      effective.putAll(lf.checks());
    }
    files.keySet().retainAll(keep.keySet());
    files.putAll(keep);
    rules = new RuleSet(effective);
    lastStamp = stamp;
  }

  private void addIfFile(Path p, List<Path> paths, List<String> stamp,
      Map<Path, BasicFileAttributes> attrs) {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(p, BasicFileAttributes.class);
    } catch (IOException ex) {
      missing(p, "policy file");
      stamp.add("-" + p);
      return;
    }
    if (!a.isRegularFile()) {
      missing(p, "policy file");
      return;
    }
    reportedMissing.remove(p);
    paths.add(p);
    attrs.put(p, a);
    stamp.add(p + "\0" + a.lastModifiedTime().toInstant() + "\0" + a.size());
  }

  private void missing(Path p, String what) {
    if (reportedMissing.add(p)) {
      LOG.info("The {} {} could not be found; using the rules without it", what, p);
    }
  }

  /** The compiled rules of one file, or null when it cannot be read or parsed. */
  static Map<String, Check> readPolicyFile(Path p) {
    String data;
    try {
      data = Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException ex) {
      LOG.error("Cannot read policy file {}: {}", p, ex.toString());
      return null;
    }
    Object parsed;
    try {
      parsed = parseFileContents(data);
    } catch (IOException ex) {
      LOG.error("Cannot parse policy file {}: {}", p, ex.getMessage());
      return null;
    }
    if (parsed == null) {
      return Map.of();
    }
    if (!(parsed instanceof Map<?, ?> m)) {
      LOG.error("Policy file {} is not a mapping of rule names to rules", p);
      return null;
    }
    Map<String, Object> rules = new LinkedHashMap<>();
    m.forEach((k, v) -> rules.put(String.valueOf(k), v));
    return PolicyParser.compileAll(rules);
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final YAMLMapper YAML = new YAMLMapper();

  /** oslo.policy's parse_file_contents: JSON first, YAML (a superset) when that fails. */
  static Object parseFileContents(String data) throws IOException {
    try {
      return JSON.readValue(data, Object.class);
    } catch (IOException notJson) {
      if (data.isBlank()) {
        return null;
      }
      return YAML.readValue(data, Object.class);
    }
  }

  // ---------------------------------------------------------------- parent lookups

  private Map<String, Object> parent(String resourceType, String id) {
    if (lookup == null) {
      return null;
    }
    String key = resourceType + '\0' + id;
    long now = System.nanoTime();
    Cached c = parentCache.get(key);
    if (c != null && now - c.expires() < 0) {
      return c.value();
    }
    Map<String, Object> v;
    try {
      v = lookup.apply(resourceType, id);
    } catch (RuntimeException ex) {
      LOG.warn("Policy check could not load {} {}: {}", resourceType, id, ex.toString());
      return null;
    }
    if (v != null) {
      if (parentCache.size() >= PARENT_CACHE_MAX) {
        parentCache.clear();
      }
      parentCache.put(key, new Cached(now + PARENT_TTL.toNanos(), v));
    }
    return v;
  }

  /** Forgets cached parent resources (e.g. after a network changed owner or sharing). */
  public void clearParentCache() {
    parentCache.clear();
  }
}
