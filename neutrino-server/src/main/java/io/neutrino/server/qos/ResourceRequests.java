package io.neutrino.server.qos;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * A port's {@code resource_request} (port-resource-request in the request-groups form of
 * port-resource-request-groups; QoSPlugin._extend_port_resource_request): what Nova must find in
 * Placement for the minimum bandwidth and minimum packet rate rules of the policy that applies to
 * the port (its own, else its network's).
 *
 * <ul>
 *   <li>Minimum bandwidth: {@code NET_BW_EGR/IGR_KILOBIT_PER_SEC} per rule direction, required
 *       traits {@code CUSTOM_PHYSNET_<physnet of the network's first segment>} and {@code
 *       CUSTOM_VNIC_TYPE_<vnic type>}; no group when that segment has no physnet (tunnels).
 *   <li>Minimum packet rate: {@code NET_PACKET_RATE_[EGR_|IGR_]KILOPACKET_PER_SEC} ({@code any}
 *       has no direction), required trait the vNIC type's.
 *   <li>Each group's id is neutron-lib's resource_request_group_uuid: a version 5 UUID in the
 *       port id's namespace of the group's rule ids joined by ':' (rules in id order).
 * </ul>
 * No rule of these kinds (or no policy) is {@code null}.
 */
final class ResourceRequests {
  private ResourceRequests() {}

  static final String ATTR = "resource_request";

  private static final Map<String, String> MIN_BW_CLASSES = Map.of(
      "egress", "NET_BW_EGR_KILOBIT_PER_SEC", "ingress", "NET_BW_IGR_KILOBIT_PER_SEC");
  private static final Map<String, String> MIN_PPS_CLASSES = Map.of(
      "egress", "NET_PACKET_RATE_EGR_KILOPACKET_PER_SEC",
      "ingress", "NET_PACKET_RATE_IGR_KILOPACKET_PER_SEC",
      "any", "NET_PACKET_RATE_KILOPACKET_PER_SEC");

  /** Sets resource_request on ports that already show qos_policy_id and qos_network_policy_id. */
  static void extend(Handle h, List<Map<String, Object>> ports) {
    // Ports with a policy, and that policy (a map's hash changes as it is filled: no map keys).
    List<Map<String, Object>> withPolicy = new ArrayList<>();
    List<String> policyOf = new ArrayList<>();
    for (Map<String, Object> p : ports) {
      Object own = p.get(QosExtensionDriver.ATTR);
      Object net = p.get(QosExtensionDriver.NETWORK_ATTR);
      String policy = (String) (own != null ? own : net);
      p.put(ATTR, null);
      if (policy != null) {
        withPolicy.add(p);
        policyOf.add(policy);
      }
    }
    if (withPolicy.isEmpty()) {
      return;
    }
    List<Object> policies = new ArrayList<>(new LinkedHashSet<>(policyOf));
    Map<Object, List<Map<String, Object>>> minBw = rules(h, "qos_minimum_bandwidth_rules",
        "min_kbps", policies);
    Map<Object, List<Map<String, Object>>> minPps = rules(h, "qos_minimum_packet_rate_rules",
        "min_kpps", policies);
    Map<String, String> physnets = new HashMap<>();
    Map<String, String> vnics = null;
    for (int i = 0; i < withPolicy.size(); i++) {
      List<Map<String, Object>> bw = minBw.getOrDefault(policyOf.get(i), List.of());
      List<Map<String, Object>> pps = minPps.getOrDefault(policyOf.get(i), List.of());
      if (bw.isEmpty() && pps.isEmpty()) {
        continue;
      }
      if (vnics == null) {
        vnics = vnicTypes(h, withPolicy);
      }
      Map<String, Object> port = withPolicy.get(i);
      String portId = (String) port.get("id");
      String vnicTrait = trait("VNIC_TYPE_", vnics.getOrDefault(portId, "normal"));
      List<Map<String, Object>> groups = new ArrayList<>();
      if (!bw.isEmpty()) {
        String physnet = physnets.computeIfAbsent((String) port.get("network_id"),
            net -> QosPolicies.firstPhysnet(h, net));
        if (physnet != null) {
          groups.add(group(portId, bw, "min_kbps", MIN_BW_CLASSES,
              List.of(trait("PHYSNET_", physnet), vnicTrait)));
        }
      }
      if (!pps.isEmpty()) {
        groups.add(group(portId, pps, "min_kpps", MIN_PPS_CLASSES, List.of(vnicTrait)));
      }
      if (!groups.isEmpty()) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("request_groups", groups);
        request.put("same_subtree", groups.stream().map(g -> g.get("id")).toList());
        port.put(ATTR, request);
      }
    }
  }

  private static Map<String, Object> group(String portId, List<Map<String, Object>> rules,
      String valueKey, Map<String, String> classes, List<String> required) {
    Map<String, Object> resources = new LinkedHashMap<>();
    List<String> ruleIds = new ArrayList<>();
    for (Map<String, Object> r : rules) {
      resources.put(classes.get((String) r.get("direction")), r.get(valueKey));
      ruleIds.add((String) r.get("id"));
    }
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("id", uuid5(UUID.fromString(portId), String.join(":", ruleIds)).toString());
    g.put("required", required);
    g.put("resources", resources);
    return g;
  }

  /** The rules of one table for the given policies, by policy, each policy's in id order. */
  private static Map<Object, List<Map<String, Object>>> rules(Handle h, String table,
      String valueKey, List<Object> policies) {
    Map<Object, List<Map<String, Object>>> out = new HashMap<>();
    for (int from = 0; from < policies.size(); from += 500) {
      List<Object> chunk = policies.subList(from, Math.min(policies.size(), from + 500));
      var q = h.createQuery("SELECT id, qos_policy_id, direction, " + valueKey + " FROM " + table
          + " WHERE qos_policy_id IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?"))
          + ") ORDER BY id");
      for (int i = 0; i < chunk.size(); i++) {
        q.bind(i, chunk.get(i));
      }
      q.mapToMap().forEach(r -> out.computeIfAbsent(r.get("qos_policy_id"), k -> new ArrayList<>())
          .add(r));
    }
    return out;
  }

  /** The vNIC type of each port's active binding. */
  private static Map<String, String> vnicTypes(Handle h, List<Map<String, Object>> ports) {
    Map<String, String> out = new HashMap<>();
    List<Object> ids = new ArrayList<>();
    ports.forEach(p -> ids.add(p.get("id")));
    for (int from = 0; from < ids.size(); from += 500) {
      List<Object> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
      var q = h.createQuery("SELECT port_id, vnic_type FROM ml2_port_bindings WHERE status = ? AND "
          + "port_id IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")")
          .bind(0, "ACTIVE");
      for (int i = 0; i < chunk.size(); i++) {
        q.bind(i + 1, chunk.get(i));
      }
      q.mapToMap().forEach(r -> out.put((String) r.get("port_id"), (String) r.get("vnic_type")));
    }
    return out;
  }

  /** os_traits.normalize_name of a neutron-lib trait: CUSTOM_, runs of other characters as '_'. */
  static String trait(String prefix, String name) {
    return "CUSTOM_" + (prefix + name).replaceAll("[^0-9A-Za-z]+", "_").toUpperCase(Locale.ROOT);
  }

  /** Python's uuid.uuid5: SHA-1 of the namespace's bytes and the UTF-8 name, as version 5. */
  static UUID uuid5(UUID namespace, String name) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
    sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
        .putLong(namespace.getLeastSignificantBits()).array());
    byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
    return new UUID(b.getLong(), b.getLong());
  }
}
