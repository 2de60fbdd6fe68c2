package io.neutrino.server.qos;

import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.apidef.Qos;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import io.neutrino.lib.spi.ml2.ExtensionDriver;
import io.neutrino.server.manager.PluginLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ML2's {@code qos} extension driver (neutron/plugins/ml2/extensions/qos.py with
 * neutron/core_extensions/qos.py, plus the QoS plugin's port and network precommit checks):
 * {@code qos_policy_id} on networks and ports, stored in qos_network_policy_bindings and
 * qos_port_policy_bindings.
 *
 * <ul>
 *   <li>A network created with no policy (the API's default, null) gets its project's default
 *       policy, if any; a port never does.
 *   <li>Naming a policy the caller cannot see is QosPolicyNotFound (404); replacing or removing
 *       a policy the caller cannot access is PolicyRemoveAuthorizationError (403).
 *   <li>The policy must suit the network (QosRuleNotSupportedByNetwork) and every port it then
 *       applies to (QosRuleNotSupported), per the loaded {@link QosDrivers}.
 *   <li>Ports show their network's policy as {@code qos_network_policy_id}
 *       (qos-port-network-policy) and, for admins, the Placement {@code resource_request} of the
 *       policy that applies to them ({@link ResourceRequests}).
 * </ul>
 *
 * <p>Binding a policy locks its row, as the plugin's rule changes and policy deletion do: a rule
 * added meanwhile is checked against the newly bound port or network, and a policy being deleted
 * is never bound (Neutron leaves both races open).
 *
 * <p>As in Neutron the driver acts only when the {@code qos} service plugin is loaded too; without
 * it the driver is inert and adds nothing to the API (logged at start-up). A bound policy cannot
 * be deleted: the plugin's delete checks these bindings (QosPolicyInUse).
 */
public final class QosExtensionDriver implements ExtensionDriver {
  private static final Logger LOG = LoggerFactory.getLogger(QosExtensionDriver.class);
  static final String ATTR = "qos_policy_id";
  static final String NETWORK_ATTR = "qos_network_policy_id";
  private static final String NETWORK_BINDINGS = "qos_network_policy_bindings";
  private static final String PORT_BINDINGS = "qos_port_policy_bindings";

  /** Null when the QoS plugin is not loaded: the driver is then inert. */
  private final QosPolicies policies;

  QosExtensionDriver(QosPolicies policies) {
    this.policies = policies;
  }

  private boolean active() {
    return policies != null;
  }

  @Override
  public List<ExtensionDef> extensions() {
    return active() ? Qos.ml2DriverExtensions() : List.of();
  }

  // ------------------------------------------------------------------ networks

  /** _create_network_policy, then the plugin's _validate_create_network_callback. */
  @Override
  public void processCreateNetwork(RequestContext ctx, Object tx, Map<String, Object> request,
      Map<String, Object> result) {
    if (!active() || !request.containsKey(ATTR)) {
      return;
    }
    Handle h = (Handle) tx;
    String networkId = (String) result.get("id");
    String policyId = (String) request.get(ATTR);
    if (policyId == null) {
      policyId = policies.defaultPolicyOf(h, result.get("project_id"));
    }
    if (policyId != null) {
      policies.policy(h, ctx, policyId, true);
      h.execute("INSERT INTO " + NETWORK_BINDINGS + " (network_id, policy_id) VALUES (?, ?)",
          networkId, policyId);
      policies.validateForNetwork(h, policies.rulesOf(h, policyId), networkId);
    }
    result.put(ATTR, policyId);
  }

  /** _update_network_policy, then the plugin's _validate_update_network_callback. */
  @Override
  public void processUpdateNetwork(RequestContext ctx, Object tx, Map<String, Object> request,
      Map<String, Object> result) {
    if (!active() || !request.containsKey(ATTR)) {
      return;
    }
    Handle h = (Handle) tx;
    String networkId = (String) result.get("id");
    String old = bound(h, NETWORK_BINDINGS, "network_id", networkId);
    String wanted = (String) request.get(ATTR);
    replace(h, ctx, NETWORK_BINDINGS, "network_id", networkId, old, wanted);
    result.put(ATTR, wanted);
    if (wanted == null || wanted.equals(old)) {
      return;
    }
    List<Map<String, Object>> rules = policies.rulesOf(h, wanted);
    policies.validateForNetwork(h, rules, networkId);
    for (Map<String, Object> port : policies.portsFollowingNetwork(h, networkId)) {
      policies.validateForPort(h, rules, port);
    }
  }

  // ------------------------------------------------------------------ ports

  /**
   * _update_port_policy (Neutron runs the update path on create: no default for ports), then the
   * plugin's _validate_create_port_callback: the policy that applies, the port's or else its
   * network's, must suit the new port (not bound yet: its vNIC type decides).
   */
  @Override
  public void processCreatePort(RequestContext ctx, Object tx, Map<String, Object> request,
      Map<String, Object> result) {
    if (!active()) {
      return;
    }
    Handle h = (Handle) tx;
    String portId = (String) result.get("id");
    String policyId = request.containsKey(ATTR) ? (String) request.get(ATTR) : null;
    if (policyId != null) {
      policies.policy(h, ctx, policyId, true);
      h.execute("INSERT INTO " + PORT_BINDINGS + " (port_id, policy_id) VALUES (?, ?)", portId, policyId);
    }
    result.put(ATTR, policyId);
    String applied = policyId != null ? policyId
        : bound(h, NETWORK_BINDINGS, "network_id", (String) result.get("network_id"));
    if (applied != null) {
      policies.validateForPort(h, policies.rulesOf(h, applied), new LinkedHashMap<>(result));
    }
  }

  /** _update_port_policy, then the plugin's _validate_update_port_callback. */
  @Override
  public void processUpdatePort(RequestContext ctx, Object tx, Map<String, Object> request,
      Map<String, Object> result) {
    if (!active() || !request.containsKey(ATTR)) {
      return;
    }
    Handle h = (Handle) tx;
    String portId = (String) result.get("id");
    String old = bound(h, PORT_BINDINGS, "port_id", portId);
    String wanted = (String) request.get(ATTR);
    replace(h, ctx, PORT_BINDINGS, "port_id", portId, old, wanted);
    result.put(ATTR, wanted);
    if (wanted == null || wanted.equals(old)) {
      return;
    }
    Map<String, Object> port = new LinkedHashMap<>(result);
    QosPolicies.withBinding(h, List.of(port));
    policies.validateForPort(h, policies.rulesOf(h, wanted), port);
  }

  private static String bound(Handle h, String table, String key, String id) {
    return h.createQuery("SELECT policy_id FROM " + table + " WHERE " + key + " = ?").bind(0, id)
        .mapTo(String.class).findOne().orElse(null);
  }

  /**
   * The old binding goes if the caller may access its policy (_check_policy_change_permission),
   * the new one comes if the caller may see that policy.
   */
  private void replace(Handle h, RequestContext ctx, String table, String key, String id,
      String old, String wanted) {
    if (old != null) {
      QosTables.POLICIES.find(h, old).ifPresent(p -> {
        if (!QosPolicies.accessible(h, ctx, p)) {
          throw QosFaults.removeNotAuthorized(old);
        }
      });
      h.execute("DELETE FROM " + table + " WHERE " + key + " = ?", id);
    }
    if (wanted != null) {
      policies.policy(h, ctx, wanted, true);
      h.execute("INSERT INTO " + table + " (" + key + ", policy_id) VALUES (?, ?)", id, wanted);
    }
  }

  // ------------------------------------------------------------------ shown

  @Override
  public void extendNetworkDicts(Object tx, List<Map<String, Object>> networks) {
    if (!active()) {
      return;
    }
    List<Object> ids = new ArrayList<>();
    networks.forEach(n -> ids.add(n.get("id")));
    Map<Object, String> byNetwork = bindings((Handle) tx, NETWORK_BINDINGS, "network_id", ids);
    networks.forEach(n -> n.put(ATTR, byNetwork.get(n.get("id"))));
  }

  @Override
  public void extendPortDicts(Object tx, List<Map<String, Object>> ports) {
    if (!active()) {
      return;
    }
    Handle h = (Handle) tx;
    List<Object> ids = new ArrayList<>();
    Set<Object> networks = new LinkedHashSet<>();
    ports.forEach(p -> {
      ids.add(p.get("id"));
      networks.add(p.get("network_id"));
    });
    Map<Object, String> byPort = bindings(h, PORT_BINDINGS, "port_id", ids);
    Map<Object, String> byNetwork = bindings(h, NETWORK_BINDINGS, "network_id", new ArrayList<>(networks));
    for (Map<String, Object> p : ports) {
      p.put(ATTR, byPort.get(p.get("id")));
      p.put(NETWORK_ATTR, byNetwork.get(Objects.toString(p.get("network_id"), null)));
    }
    ResourceRequests.extend(h, ports);
  }

  /** {@code key -> policy_id} for the given ids, 500 at a time. */
  private static Map<Object, String> bindings(Handle h, String table, String key, List<Object> ids) {
    Map<Object, String> out = new LinkedHashMap<>();
    for (int from = 0; from < ids.size(); from += 500) {
      List<Object> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
      var q = h.createQuery("SELECT " + key + ", policy_id FROM " + table + " WHERE " + key + " IN ("
          + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")");
      for (int i = 0; i < chunk.size(); i++) {
        q.bind(i, chunk.get(i));
      }
      q.mapToMap().forEach(r -> out.put(r.get(key), (String) r.get("policy_id")));
    }
    return out;
  }

  /** {@code neutron.ml2.extension_drivers: qos}. */
  public static final class Provider implements PluginProvider {
    @Override
    public String namespace() {
      return Namespace.ML2_EXTENSION_DRIVERS;
    }

    @Override
    public List<String> aliases() {
      return List.of("qos");
    }

    @Override
    public String className() {
      return "neutron.plugins.ml2.extensions.qos.QosExtensionDriver";
    }

    /**
     * Core_extensions' plugin_loaded, decided here from {@code service_plugins} (ML2 and its
     * drivers are created before any service plugin): the qos plugin by alias or class name.
     */
    @Override
    public Object create(PluginContext ctx) {
      PluginLoader loader = ctx.service(PluginLoader.class);
      boolean pluginLoaded = Arrays.stream(ctx.option("DEFAULT", "service_plugins").orElse("").split(","))
          .map(String::trim).filter(s -> !s.isEmpty())
          .anyMatch(name -> loader.find(Namespace.SERVICE_PLUGINS, name)
              .filter(QosPluginProvider.class::isInstance).isPresent());
      if (!pluginLoaded) {
        LOG.warn("[ml2] extension_drivers lists qos but service_plugins has no qos: "
            + "qos_policy_id is not offered on networks and ports");
        return new QosExtensionDriver(null);
      }
      return new QosExtensionDriver(new QosPolicies(QosPluginProvider.drivers(ctx)));
    }
  }
}
