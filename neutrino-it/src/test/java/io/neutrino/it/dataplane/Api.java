package io.neutrino.it.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.it.TestServer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The Neutron API calls the end-to-end tests make, each asserting its success status (as admin). */
final class Api {
  private final TestServer s;

  Api(TestServer s) {
    this.s = s;
  }

  TestServer.Reply get(String path) {
    return s.get(path);
  }

  private Map<String, Object> create(String collection, String member, Map<String, Object> body) {
    var r = s.post("/v2.0/" + collection, Map.of(member, body));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.member(member);
  }

  private Map<String, Object> update(String collection, String member, String id, Map<String, Object> body) {
    var r = s.put("/v2.0/" + collection + "/" + id, Map.of(member, body));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
    return r.member(member);
  }

  void delete(String collection, String id) {
    var r = s.delete("/v2.0/" + collection + "/" + id);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(204);
  }

  Map<String, Object> show(String collection, String member, String id) {
    var r = s.get("/v2.0/" + collection + "/" + id);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
    return r.member(member);
  }

  List<Object> ids(String collection) {
    return s.get("/v2.0/" + collection).list(collection).stream().map(m -> m.get("id")).toList();
  }

  /** A network (a VXLAN tenant network unless {@code attrs} say otherwise); returns its id. */
  String network(String name, Map<String, Object> attrs) {
    Map<String, Object> body = new HashMap<>(attrs);
    body.put("name", name);
    return (String) create("networks", "network", body).get("id");
  }

  String network(String name) {
    return network(name, Map.of());
  }

  /** An IPv4 subnet with DHCP; returns its id. */
  String subnet(String network, String cidr) {
    return subnet(network, cidr, Map.of());
  }

  String subnet(String network, String cidr, Map<String, Object> attrs) {
    Map<String, Object> body = new HashMap<>(Map.of("network_id", network, "cidr", cidr, "ip_version", 4));
    body.putAll(attrs);
    return (String) create("subnets", "subnet", body).get("id");
  }

  /** The flat external network on {@code extnet}, with its subnet (no DHCP); returns the network id. */
  String externalNetwork() {
    String net = network("public", Map.of("router:external", true, "provider:network_type", "flat",
        "provider:physical_network", "extnet"));
    subnet(net, Lab.EXTERNAL_CIDR, Map.of("enable_dhcp", false, "gateway_ip", Lab.EXTERNAL_GATEWAY,
        "allocation_pools", List.of(Map.of("start", "203.0.113.10", "end", "203.0.113.250"))));
    return net;
  }

  /** A compute port bound to {@code host}, as Nova creates it before plugging the VIF. */
  Map<String, Object> port(LabHost host, String network, Map<String, Object> attrs) {
    Map<String, Object> body = new HashMap<>(Map.of("network_id", network, "device_owner", "compute:nova",
        "device_id", UUID.randomUUID().toString(), "binding:host_id", host.name));
    body.putAll(attrs);
    Map<String, Object> port = create("ports", "port", body);
    assertThat(port.get("binding:vif_type")).as("port bound on " + host.name).isEqualTo("bridge");
    return port;
  }

  Map<String, Object> port(LabHost host, String network) {
    return port(host, network, Map.of());
  }

  Map<String, Object> updatePort(String id, Map<String, Object> attrs) {
    return update("ports", "port", id, attrs);
  }

  String portStatus(String id) {
    return (String) show("ports", "port", id).get("status");
  }

  /** Waits until every instance's port has {@code status}. */
  void awaitPorts(String status, Duration limit, Vm... vms) {
    Poll.until("ports of " + Arrays.stream(vms).map(v -> v.ns).toList() + " " + status, limit,
        () -> Arrays.stream(vms).allMatch(v -> status.equals(portStatus(v.portId()))));
  }

  /** The instances' ports ACTIVE, then each instance's DHCP lease, in the order given. */
  void awaitActiveAndLeased(Vm... vms) {
    awaitActive(vms);
    for (Vm vm : vms) {
      vm.lease();
    }
  }

  void awaitActive(Vm... vms) {
    awaitPorts("ACTIVE", Duration.ofSeconds(60), vms);
  }

  /** A security group (with the default egress rules); returns its id. */
  String securityGroup(String name) {
    return (String) create("security-groups", "security_group", Map.of("name", name)).get("id");
  }

  /** An ingress ICMP rule on {@code group}, from {@code remoteGroup} or (null) from anywhere. */
  String allowIcmp(String group, String remoteGroup) {
    Map<String, Object> rule = new HashMap<>(Map.of("security_group_id", group, "direction", "ingress",
        "ethertype", "IPv4", "protocol", "icmp"));
    if (remoteGroup != null) {
      rule.put("remote_group_id", remoteGroup);
    }
    return (String) create("security-group-rules", "security_group_rule", rule).get("id");
  }

  /** A router with its gateway on {@code externalNetwork} and interfaces on {@code subnets}. */
  String router(String externalNetwork, String... subnets) {
    String id = (String) create("routers", "router", Map.of("name", "r",
        "external_gateway_info", Map.of("network_id", externalNetwork))).get("id");
    for (String subnet : subnets) {
      var r = s.put("/v2.0/routers/" + id + "/add_router_interface", Map.of("subnet_id", subnet));
      assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
    }
    return id;
  }

  /** A floating IP for {@code portId}; returns {id, address}. */
  String[] floatingIp(String externalNetwork, String portId) {
    Map<String, Object> f = create("floatingips", "floatingip",
        Map.of("floating_network_id", externalNetwork, "port_id", portId));
    return new String[] {(String) f.get("id"), (String) f.get("floating_ip_address")};
  }
}
