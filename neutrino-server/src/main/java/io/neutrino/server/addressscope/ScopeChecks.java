package io.neutrino.server.addressscope;

import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.events.ResourceEvent;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.server.db.Batches;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.StatedExtender;
import io.neutrino.server.ipam.Cidr;
import io.neutrino.server.ipam.PrefixAllocator;
import io.neutrino.server.rbac.RbacType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * What address scopes add to the core resources, hooked in through their events: the checks of
 * a subnet pool joining a scope (db_base_plugin_v2 _validate_address_scope_id and
 * _check_subnetpool_update_allowed), a subnet joining a network (ipam_backend_mixin
 * _validate_network_subnetpools) and the networks' ipv4/ipv6_address_scope.
 *
 * <p>The subnet check lives here whole, the subnet pool affinity rule included, because whether
 * two pools may serve one network depends on their scope: with a scope, any pools of that scope
 * may; without, only one pool per IP version.
 */
final class ScopeChecks {
  private ScopeChecks() {}

  static void register(Callbacks callbacks) {
    callbacks.subscribe("subnetpool", Event.PRECOMMIT_CREATE, ScopeChecks::onPoolCreate);
    callbacks.subscribe("subnetpool", Event.PRECOMMIT_UPDATE, ScopeChecks::onPoolUpdate);
    callbacks.subscribe("subnet", Event.PRECOMMIT_CREATE, ScopeChecks::onSubnetCreate);
    callbacks.subscribe("rbac_policy", Event.PRECOMMIT_CREATE, ScopeChecks::onRbacCreate);
    // A network's subnets are created after it: in its own create it has no scope.
    callbacks.extendDicts("network", Callbacks.DictExtender.knownWhenCreated(
        StatedExtender.of(ScopeChecks::networkScopes), n -> {
          n.put("ipv4_address_scope", null);
          n.put("ipv6_address_scope", null);
        }));
  }

  private static void onPoolCreate(ResourceEvent e) {
    Map<String, Object> pool = e.latest();
    Handle h = (Handle) e.transaction();
    String scopeId = (String) pool.get("address_scope_id");
    validate(h, e.context(), scopeId, e.resourceId(), prefixes(pool),
        ((Number) pool.get("ip_version")).intValue());
    if (Boolean.TRUE.equals(pool.get("shared"))) {
      checkShareable(h, e.resourceId(), scopeId, RbacType.WILDCARD);
    }
  }

  /**
   * SubnetPool.validate_rbac_policy_create: a pool in a scope may only be shared with a project
   * that has access to the scope (its owner, or an entry sharing it with the project or all).
   */
  private static void onRbacCreate(ResourceEvent e) {
    Map<String, Object> entry = e.latest();
    if (!"subnetpool".equals(entry.get("object_type"))) {
      return;
    }
    Handle h = (Handle) e.transaction();
    String poolId = (String) entry.get("object_id");
    String scopeId = h.createQuery("SELECT address_scope_id FROM subnetpools WHERE id = ?")
        .bind(0, poolId).mapTo(String.class).findFirst().orElse(null);
    checkShareable(h, poolId, scopeId, (String) entry.get("target_tenant"));
  }

  private static void checkShareable(Handle h, String poolId, String scopeId, String target) {
    if (scopeId == null) {
      return;
    }
    Map<String, Object> scope = AddressScopeResource.TABLE.find(h, scopeId).orElse(null);
    boolean access = scope == null || Objects.equals(scope.get("project_id"), target)
        || AddressScopeResource.RBAC.grants(h, target, scopeId, RbacType.SHARED);
    if (!access) {
      throw Faults.invalidInput("Failed to create RBAC policy on object " + poolId
          + " because target project doesn't have access to associated address scope.");
    }
  }

  private static void onPoolUpdate(ResourceEvent e) {
    Handle h = (Handle) e.transaction();
    String poolId = e.resourceId();
    String original = (String) e.original().get("address_scope_id");
    if (original != null) {
      Map<String, Object> scope = AddressScopeResource.find(h, e.context(), original)
          .orElseThrow(() -> AddressScopeResource.notFound(original));
      if (!e.context().isAdmin() && !Objects.equals(scope.get("project_id"), e.context().projectId())) {
        throw new NeutronException("IllegalSubnetPoolUpdate", 400, "Illegal subnetpool update : "
            + "subnetpool " + poolId + " cannot be updated when associated with shared address "
            + "scope " + original + ".");
      }
    }
    Map<String, Object> pool = e.latest();
    validate(h, e.context(), (String) pool.get("address_scope_id"), poolId, prefixes(pool),
        ((Number) pool.get("ip_version")).intValue());
  }

  @SuppressWarnings("unchecked")
  private static List<Cidr> prefixes(Map<String, Object> pool) {
    return ((List<String>) pool.get("prefixes")).stream().map(Cidr::parse).toList();
  }

  /** _validate_address_scope_id: the scope row is locked so its pools change one at a time. */
  private static void validate(Handle h, RequestContext ctx, String scopeId, String poolId,
      List<Cidr> prefixes, int ipVersion) {
    if (scopeId == null) {
      return;
    }
    Map<String, Object> scope = AddressScopeResource.TABLE.findForUpdate(h, scopeId)
        .filter(r -> AddressScopeResource.RBAC.visible(h, ctx, r))
        .orElseThrow(() -> AddressScopeResource.notFound(scopeId));
    int scopeVersion = ((Number) scope.get("ip_version")).intValue();
    if (scopeVersion != ipVersion) {
      throw new NeutronException("IllegalSubnetPoolIpVersionAssociationToAddressScope", 400,
          "Illegal subnetpool association: subnetpool " + poolId + " cannot associate with "
              + "address scope " + scopeId + " because subnetpool ip_version is not "
              + scopeVersion + ".");
    }
    checkNetworkAffinity(h, poolId, ipVersion);
    List<List<Cidr>> others = new ArrayList<>();
    h.createQuery("SELECT prefixes FROM subnetpools WHERE address_scope_id = ? AND id <> ?")
        .bind(0, scopeId).bind(1, poolId).mapTo(String.class)
        .forEach(json -> others.add(parsePrefixes(json)));
    PrefixAllocator.checkAddressScopeConflict(prefixes, others);
  }

  @SuppressWarnings("unchecked")
  private static List<Cidr> parsePrefixes(String json) {
    return ((List<String>) io.neutrino.server.db.Json.read(json)).stream().map(Cidr::parse).toList();
  }

  /**
   * _check_subnetpool_address_scope_network_affinity: re-scoping the pool must not leave a
   * network with subnets of one IP version in different scopes, so every subnet of that version
   * on the networks the pool serves must come from the pool.
   */
  private static void checkNetworkAffinity(Handle h, String poolId, int ipVersion) {
    int strangers = h.createQuery("SELECT COUNT(*) FROM subnets s WHERE s.ip_version = ? AND "
            + "(s.subnetpool_id IS NULL OR s.subnetpool_id <> ?) AND s.network_id IN "
            + "(SELECT p.network_id FROM subnets p WHERE p.subnetpool_id = ?)")
        .bind(0, ipVersion).bind(1, poolId).bind(2, poolId).mapTo(Integer.class).one();
    if (strangers > 0) {
      throw affinityError();
    }
  }

  static NeutronException affinityError() {
    return new NeutronException("NetworkAddressScopeAffinityError", 400, "Subnets of the same "
        + "address family hosted on the same network must all participate in the same address "
        + "scope.");
  }

  /** _validate_network_subnetpools for the subnet just inserted (left out of the comparison). */
  private static void onSubnetCreate(ResourceEvent e) {
    Handle h = (Handle) e.transaction();
    Map<String, Object> subnet = e.latest();
    String networkId = (String) subnet.get("network_id");
    int ipVersion = ((Number) subnet.get("ip_version")).intValue();
    String poolId = (String) subnet.get("subnetpool_id");
    String newScope = poolId == null ? null : h.createQuery(
            "SELECT address_scope_id FROM subnetpools WHERE id = ?").bind(0, poolId)
        .mapTo(String.class).findFirst().orElse(null);
    List<Map<String, Object>> others = h.createQuery("SELECT s.subnetpool_id, s.ip_version, "
            + "p.address_scope_id FROM subnets s LEFT JOIN subnetpools p ON s.subnetpool_id = p.id "
            + "WHERE s.network_id = ? AND s.id <> ?")
        .bind(0, networkId).bind(1, e.resourceId()).mapToMap().list();
    String networkScope = null;
    for (Map<String, Object> o : others) {
      Object scope = o.get("address_scope_id");
      if (scope != null && ((Number) o.get("ip_version")).intValue() == ipVersion) {
        networkScope = scope.toString();
      }
    }
    if (networkScope != null && poolId != null && !networkScope.equals(newScope)) {
      throw affinityError();
    }
    for (Map<String, Object> o : others) {
      Object otherPool = o.get("subnetpool_id");
      boolean sameVersion = ((Number) o.get("ip_version")).intValue() == ipVersion;
      boolean conflict = poolId != null
          ? !poolId.equals(otherPool) && sameVersion && networkScope == null
          : otherPool != null && sameVersion;
      if (conflict) {
        throw new NeutronException("NetworkSubnetPoolAffinityError", 400, "Subnets hosted on the "
            + "same network must be allocated from the same subnet pool.");
      }
    }
  }

  /** _extend_network_dict_address_scope: the scope of the pools the network's subnets come from. */
  private static Callbacks.PageRead networkScopes(List<Map<String, Object>> networks) {
    record Scope(String networkId, int ipVersion, String scopeId) {}
    return Batches.stated("SELECT DISTINCT s.network_id, p.ip_version, p.address_scope_id FROM "
            + "subnets s JOIN subnetpools p ON s.subnetpool_id = p.id WHERE", List.of(), "s.network_id",
        Resources.ids(networks), null, rs -> new Scope(rs.getString(1), rs.getInt(2), rs.getString(3)),
        Scope::networkId).applying((scopes, h) -> {
          Map<Object, Map<String, Object>> byId = new java.util.HashMap<>();
          for (Map<String, Object> n : networks) {
            n.put("ipv4_address_scope", null);
            n.put("ipv6_address_scope", null);
            byId.put(n.get("id"), n);
          }
          for (Scope r : scopes) {
            Map<String, Object> n = byId.get(r.networkId());
            if (n != null) {
              n.put("ipv" + r.ipVersion() + "_address_scope", r.scopeId());
            }
          }
        });
  }
}
