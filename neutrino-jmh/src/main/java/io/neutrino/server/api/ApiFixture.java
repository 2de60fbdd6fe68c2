package io.neutrino.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.apidef.Network;
import io.neutrino.lib.apidef.Port;
import io.neutrino.lib.apidef.PortSecurity;
import io.neutrino.lib.apidef.ResourceDef;
import io.neutrino.lib.apidef.SecurityGroup;
import io.neutrino.lib.apidef.Subnet;
import io.neutrino.lib.apidef.Subnetpool;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.server.ml2.CoreExtensions;
import io.neutrino.server.policy.Enforcer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the API benchmarks share: the schema, policy engine and controller helpers the server
 * builds at start (NeutrinoServer.start), without a database or HTTP. The schema is the core
 * resources with ML2's extensions, the security-group extension (a default service plugin) and
 * the port-security extension driver (devstack's setting): every attribute a port has on a
 * default server. The benchmarks sit in the server's package to reach {@link ApiPolicy} and
 * {@link JsonBodies}, the package-private pieces {@link ApiRouter} runs per request and per item.
 */
final class ApiFixture {
  static final String PROJECT = "8a8b3d3e6f1c4f0e9b0c2d4e6f8a0b1c";
  static final String NETWORK = "b3f1a0de-6e3c-4a1e-9d2b-0c5e7f9a1b2c";
  static final String SUBNET = "c4a2b1ef-7f4d-4b2f-8e3c-1d6f8a0b2c3d";
  static final String GROUP = "d5b3c2f0-8a5e-4c3a-9f4d-2e7a9b1c3d4e";

  final ApiSchema schema;
  final ResourceDef ports;
  final Enforcer enforcer;
  final ApiPolicy policy;
  final JsonBodies bodies;
  final ObjectMapper json = new ObjectMapper();

  ApiFixture() {
    List<ExtensionDef> extensions = new ArrayList<>(CoreExtensions.all());
    extensions.add(SecurityGroup.extension());
    extensions.add(PortSecurity.extension());
    schema = new ApiSchema(List.of(Network.definition(), Subnet.definition(), Subnetpool.definition(),
        Port.definition()), extensions);
    ports = schema.collection("ports");
    // As the server's: Zed defaults, no policy files; parent lookups (network owner checks) are
    // answered from memory here, where the server reads them once and caches them for 5 s.
    Map<String, Object> network = new LinkedHashMap<>();
    network.put("id", NETWORK);
    network.put("project_id", PROJECT);
    network.put("tenant_id", PROJECT);
    network.put("shared", false);
    enforcer = Enforcer.neutronZed(false, Optional.empty(), List.of(),
        (type, id) -> "network".equals(type) && NETWORK.equals(id) ? network : null)
        .withResourceDefinitions(schema::collection);
    policy = new ApiPolicy(enforcer);
    bodies = new JsonBodies(json);
  }

  /** A project member (no admin role), as Keystone's middleware would describe one. */
  static RequestContext member(String project) {
    return new RequestContext("f1e2d3c4b5a6", project, List.of("member", "reader"), false, "req-jmh");
  }

  static RequestContext admin() {
    return new RequestContext("a0a0a0a0", PROJECT, List.of("admin", "member", "reader"), true, "req-jmh");
  }

  /** The body Nova sends to create an instance's port (plus a fixed IP and an address pair). */
  static String createPortJson() {
    return "{\"port\": {\"network_id\": \"" + NETWORK + "\", \"name\": \"vm-1-port\", "
        + "\"admin_state_up\": true, \"device_id\": \"" + UUID.nameUUIDFromBytes("vm-1".getBytes())
        + "\", \"device_owner\": \"compute:nova\", "
        + "\"fixed_ips\": [{\"subnet_id\": \"" + SUBNET + "\", \"ip_address\": \"10.0.0.17\"}], "
        + "\"security_groups\": [\"" + GROUP + "\"], "
        + "\"allowed_address_pairs\": [{\"ip_address\": \"10.0.0.0/24\"}], "
        + "\"port_security_enabled\": true, \"description\": \"\"}}";
  }

  /**
   * Port {@code i} as the plugin hands it to the controller (PortResource's decorated row): every
   * attribute, standard attributes formatted, the binding of a bound port.
   */
  static Map<String, Object> port(int i, String project) {
    Map<String, Object> p = new LinkedHashMap<>();
    String id = new UUID(0x5eed_0000_0000_4000L + i, 0x8000_0000_0000_0000L + i).toString();
    p.put("id", id);
    p.put("project_id", project);
    p.put("name", "port-" + i);
    p.put("description", "");
    p.put("created_at", "2024-05-01T10:00:00Z");
    p.put("updated_at", "2024-05-01T10:00:02Z");
    p.put("revision_number", 3L);
    p.put("network_id", NETWORK);
    p.put("mac_address", String.format("fa:16:3e:%02x:%02x:%02x", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff));
    p.put("admin_state_up", true);
    p.put("status", "ACTIVE");
    p.put("device_id", new UUID(0x1000_0000_0000_4000L + i, 0x8000_0000_0000_0000L).toString());
    p.put("device_owner", "compute:nova");
    p.put("fixed_ips", List.of(fixedIp("10.0." + (i >> 8 & 0xff) + "." + (i & 0xff))));
    p.put("allowed_address_pairs", List.of());
    p.put("extra_dhcp_opts", List.of());
    p.put("tenant_id", project);
    p.put("binding:host_id", "compute-" + (i % 16));
    p.put("binding:vnic_type", "normal");
    p.put("binding:profile", Map.of());
    p.put("binding:vif_type", "ovs");
    p.put("binding:vif_details", Map.of("port_filter", true, "connectivity", "l2", "bridge_name", "br-int"));
    p.put("ip_allocation", "immediate");
    p.put("security_groups", List.of(GROUP));
    p.put("port_security_enabled", true);
    p.put("tags", List.of());
    return p;
  }

  private static Map<String, Object> fixedIp(String address) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("subnet_id", SUBNET);
    f.put("ip_address", address);
    return f;
  }
}
