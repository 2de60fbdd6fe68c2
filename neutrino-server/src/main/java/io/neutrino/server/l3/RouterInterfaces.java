package io.neutrino.server.l3;

import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.validate.Validators;
import io.neutrino.server.core.CoreTables;
import io.neutrino.server.core.NetworkResource;
import io.neutrino.server.db.Database;
import io.neutrino.server.ipam.Cidr;
import io.neutrino.server.ipam.IpAddresses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/** add_router_interface / remove_router_interface (neutron/db/l3_db.py). */
final class RouterInterfaces {
  private static final String OWNER = L3RouterPlugin.OWNER_INTERFACE;
  private final L3RouterPlugin p;
  private final RouterResource routers;

  RouterInterfaces(L3RouterPlugin p, RouterResource routers) {
    this.p = p;
    this.routers = routers;
  }

  /** _validate_interface_info; returns true when by port. */
  private static boolean validate(Map<String, Object> info, boolean forRemoval) {
    boolean byPort = info != null && info.containsKey("port_id");
    boolean bySubnet = info != null && info.containsKey("subnet_id");
    if (!byPort && !bySubnet) {
      throw L3Faults.badRouter("Either subnet_id or port_id must be specified");
    }
    for (String key : List.of("port_id", "subnet_id")) {
      if (info.containsKey(key)) {
        String err = Validators.named("type:uuid", null).validate(info.get(key));
        if (err != null) {
          throw L3Faults.badRouter(err);
        }
      }
    }
    if (!forRemoval && byPort && bySubnet) {
      throw L3Faults.badRouter("Cannot specify both subnet-id and port-id");
    }
    return byPort;
  }

  private static void checkAddressMode(Map<String, Object> subnet) {
    if (Integer.valueOf(6).equals(subnet.get("ip_version")) && subnet.get("ipv6_ra_mode") == null
        && subnet.get("ipv6_address_mode") != null) {
      throw L3Faults.badRouter("IPv6 subnet " + subnet.get("id") + " configured to receive RAs from "
          + "an external router cannot be added to Neutron Router.");
    }
  }

  private static boolean hasV6(Map<String, Object> port) {
    return fixed(port).stream().anyMatch(f -> IpAddresses.version((String) f.get("ip_address")) == 6);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> fixed(Map<String, Object> port) {
    return (List<Map<String, Object>>) port.get("fixed_ips");
  }

  private static Map<String, Object> info(String routerId, Map<String, Object> port,
      List<Map<String, Object>> subnets, boolean last) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", routerId);
    out.put("tenant_id", port.get("project_id"));
    out.put("project_id", port.get("project_id"));
    out.put("port_id", port.get("id"));
    out.put("network_id", port.get("network_id"));
    out.put("subnet_id", subnets.get(last ? subnets.size() - 1 : 0).get("id"));
    List<Object> ids = new ArrayList<>();
    subnets.forEach(s -> ids.add(s.get("id")));
    out.put("subnet_ids", ids);
    return out;
  }

  Map<String, Object> add(RequestContext ctx, String routerId, Map<String, Object> body) {
    Map<String, Object> router = p.db.tx(h -> routers.row(h, ctx, routerId, false));
    boolean byPort = validate(body, false);
    RequestContext admin = L3RouterPlugin.elevated(ctx);
    Map<String, Object> port;
    List<Map<String, Object>> subnets;
    boolean created = false;
    if (byPort) {
      String portId = (String) body.get("port_id");
      port = p.ports.get(ctx, portId);
      checkRouterPort(port, "");
      subnets = validateRouterPort(ctx, routerId, port);
      // The port is the router's once its router_ports row is written (its primary key settles
      // two routers claiming one port at once); only then is the port itself changed.
      attach(routerId, port, subnets);
      try {
        p.ports.update(admin, portId, Map.of("device_id", routerId, "device_owner", OWNER));
      } catch (RuntimeException e) {
        try {
          detach(routerId, portId);
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
      return info(routerId, p.ports.get(admin, portId), subnets, true);
    }
    String subnetId = (String) body.get("subnet_id");
    Map<String, Object> subnet = p.db.tx(h -> RouterResource.subnet(h, subnetId));
    Map<String, Object> network = p.db.tx(h -> CoreTables.NETWORKS.find(h, (String) subnet.get("network_id")).orElseThrow());
    boolean mine = ctx.isAdmin() || Objects.equals(ctx.projectId(), subnet.get("project_id"));
    // Another project's subnet is usable when its network is shared or external with the caller.
    if (!mine && !p.db.read(h -> NetworkResource.RBAC.visible(h, ctx, network))) {
      throw Faults.notFound("Subnet", subnetId);
    }
    if (subnet.get("gateway_ip") == null) {
      throw L3Faults.badRouter("Subnet for router interface must have a gateway IP");
    }
    if (!mine) {
      throw L3Faults.badRouter("Cannot add interface to router because subnet " + subnetId
          + " is not owned by project making the request");
    }
    checkAddressMode(subnet);
    p.db.txVoid(h -> routers.checkDuplicates(h, routerId, List.of(subnet)));
    Map<String, Object> fixedIp = new LinkedHashMap<>();
    fixedIp.put("subnet_id", subnetId);
    fixedIp.put("ip_address", subnet.get("gateway_ip"));
    if (Integer.valueOf(6).equals(subnet.get("ip_version"))) {
      // another IPv6 prefix on the router's existing IPv6 port of that network
      Map<String, Object> existing = p.db.tx(h -> {
        for (Map<String, Object> rp : RouterResource.routerPorts(h, routerId, OWNER)) {
          if (rp.get("network_id").equals(subnet.get("network_id")) && hasV6(rp)) {
            return rp;
          }
        }
        return null;
      });
      if (existing != null) {
        List<Map<String, Object>> ips = new ArrayList<>(RouterResource.fixedIps(existing));
        ips.add(fixedIp);
        Map<String, Object> updated = p.updateOwnPort(ctx, (String) existing.get("id"), Map.of("fixed_ips", ips));
        return info(routerId, updated, List.of(subnet), true);
      }
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("project_id", router.get("project_id"));
    data.put("tenant_id", router.get("project_id"));
    data.put("network_id", subnet.get("network_id"));
    data.put("fixed_ips", List.of(fixedIp));
    data.put("admin_state_up", true);
    data.put("device_id", routerId);
    data.put("device_owner", OWNER);
    data.put("name", "");
    data.put("description", "");
    port = p.ports.create(admin, data);
    try {
      attach(routerId, port, List.of(subnet));
    } catch (RuntimeException e) {
      p.deleteOwnPort(ctx, (String) port.get("id"));
      throw e;
    }
    return info(routerId, port, List.of(subnet), true);
  }

  /**
   * Gives the port to the router, with the router row locked: the checks made before (one port
   * per subnet, no overlap, one IPv6 port per network) are made again against the interfaces
   * attached meanwhile, so concurrent adds end as they would one after the other. A port
   * another router took first is PortInUse.
   */
  private void attach(String routerId, Map<String, Object> port, List<Map<String, Object>> subnets) {
    String portId = (String) port.get("id");
    p.db.txVoid(h -> {
      L3Tables.ROUTERS.findForUpdate(h, routerId).orElseThrow(() -> L3Faults.routerNotFound(routerId));
      checkIpv6Network(h, routerId, port);
      routers.checkDuplicates(h, routerId, subnets);
      try {
        h.execute("INSERT INTO router_ports (port_id, router_id, port_type) VALUES (?, ?, ?)",
            portId, routerId, OWNER);
      } catch (RuntimeException e) {
        if (Database.isDuplicateKey(e)) {
          throw portInUse(port, "another router");
        }
        throw e;
      }
    });
  }

  /** Takes back a port {@link #attach} gave the router. */
  private void detach(String routerId, String portId) {
    p.db.txVoid(h -> h.execute("DELETE FROM router_ports WHERE port_id = ? AND router_id = ?",
        portId, routerId));
  }

  private static NeutronException portInUse(Map<String, Object> port, Object device) {
    return Faults.conflict("PortInUse", "Unable to complete operation on port " + port.get("id")
        + " for network " + port.get("network_id") + ". Port already has an attached device "
        + device + ".");
  }

  /** A router has at most one port with IPv6 addresses on a network. */
  private static void checkIpv6Network(Handle h, String routerId, Map<String, Object> port) {
    if (!hasV6(port)) {
      return;
    }
    for (Map<String, Object> existing : RouterResource.routerPorts(h, routerId, null)) {
      if (!existing.get("id").equals(port.get("id"))
          && existing.get("network_id").equals(port.get("network_id")) && hasV6(existing)) {
        throw L3Faults.badRouter("Cannot have multiple router ports with the same network id if "
            + "both contain IPv6 subnets. Existing port " + existing.get("id") + " has IPv6 "
            + "subnet(s) and network id " + existing.get("network_id"));
      }
    }
  }

  /** _check_router_port. */
  private void checkRouterPort(Map<String, Object> port, String deviceId) {
    if (!Objects.equals(port.get("device_id"), deviceId)) {
      throw portInUse(port, port.get("device_id"));
    }
    if (fixed(port).isEmpty()) {
      throw L3Faults.badRouter("Router port must have at least one fixed IP");
    }
    p.db.txVoid(h -> {
      for (Map<String, Object> f : fixed(port)) {
        checkAddressMode(RouterResource.subnet(h, (String) f.get("subnet_id")));
      }
    });
  }

  /** _validate_router_port_info, before the port is given to the router; its subnets. */
  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> validateRouterPort(RequestContext ctx, String routerId, Map<String, Object> port) {
    return p.db.tx(h -> {
      checkIpv6Network(h, routerId, port);
      List<Map<String, Object>> subnets = new ArrayList<>();
      for (Map<String, Object> f : fixed(port)) {
        subnets.add(RouterResource.subnet(h, (String) f.get("subnet_id")));
      }
      if (!subnets.isEmpty()) {
        routers.checkDuplicates(h, routerId, subnets);
      }
      if (subnets.stream().filter(s -> Integer.valueOf(4).equals(s.get("ip_version"))).count() > 1) {
        throw L3Faults.badRouter("Cannot have multiple IPv4 subnets on router port");
      }
      if (!ctx.isAdmin()) {
        for (Map<String, Object> f : fixed(port)) {
          Map<String, Object> s = subnets.stream().filter(x -> x.get("id").equals(f.get("subnet_id"))).findFirst().orElseThrow();
          boolean inPool = false;
          for (Map<String, Object> pool : (List<Map<String, Object>>) s.get("allocation_pools")) {
            var ip = IpAddresses.value(IpAddresses.parse((String) f.get("ip_address")));
            var start = IpAddresses.value(IpAddresses.parse((String) pool.get("start")));
            var end = IpAddresses.value(IpAddresses.parse((String) pool.get("end")));
            if (IpAddresses.version((String) pool.get("start")) == IpAddresses.version((String) f.get("ip_address"))
                && ip.compareTo(start) >= 0 && ip.compareTo(end) <= 0) {
              inPool = true;
            }
          }
          if (!inPool && !Objects.equals(ctx.projectId(), s.get("project_id"))) {
            throw L3Faults.badRouter("Cannot add interface to router because specified port "
                + port.get("id") + " has an IP address out of the allocation pool of subnet "
                + s.get("id") + ", which is not owned by the project making the request");
          }
        }
      }
      return subnets;
    });
  }

  Map<String, Object> remove(RequestContext ctx, String routerId, Map<String, Object> body) {
    p.db.tx(h -> routers.row(h, ctx, routerId, false));
    boolean byPort = validate(body, true);
    String portId = (String) body.get("port_id");
    String subnetId = (String) body.get("subnet_id");
    if (byPort) {
      Map<String, Object> port = p.db.tx(h -> {
        Integer n = h.createQuery("SELECT COUNT(*) FROM router_ports WHERE router_id = ? AND port_id = ? "
            + "AND port_type = ?").bind(0, routerId).bind(1, portId).bind(2, OWNER).mapTo(Integer.class).one();
        return n == 0 ? null : CoreTables.PORTS.find(h, portId).orElse(null);
      });
      if (port == null) {
        throw Faults.notFoundWith("RouterInterfaceNotFound", "Router " + routerId
            + " does not have an interface with id " + portId);
      }
      List<Object> portSubnets = new ArrayList<>();
      fixed(port).forEach(f -> portSubnets.add(f.get("subnet_id")));
      if (subnetId != null && !portSubnets.contains(subnetId)) {
        throw new NeutronException("SubnetMismatchForPort", 400, "Subnet on port " + portId + " does not match the requested subnet "
            + subnetId + ".");
      }
      List<Map<String, Object>> subnets = p.db.tx(h -> {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object id : portSubnets) {
          CoreTables.SUBNETS.find(h, (String) id).ifPresent(out::add);
        }
        return out;
      });
      detachUnused(routerId, subnets, portId);
      deleteDetached(ctx, routerId, portId);
      return info(routerId, port, subnets.isEmpty() ? List.of(Map.of("id", portSubnets.get(0))) : subnets, false);
    }
    Map<String, Object> subnet = p.db.tx(h -> RouterResource.subnet(h, subnetId));
    List<Map<String, Object>> candidates = p.db.tx(h -> {
      List<Map<String, Object>> out = new ArrayList<>();
      for (Map<String, Object> rp : RouterResource.routerPorts(h, routerId, OWNER)) {
        if (rp.get("network_id").equals(subnet.get("network_id"))) {
          out.add(rp);
        }
      }
      return out;
    });
    for (Map<String, Object> port : candidates) {
      List<Map<String, Object>> ips = RouterResource.fixedIps(port);
      boolean has = ips.stream().anyMatch(f -> subnetId.equals(f.get("subnet_id")));
      if (has && ips.size() > 1) {
        detachUnused(routerId, List.of(subnet), null);
        List<Map<String, Object>> kept = new ArrayList<>(ips);
        kept.removeIf(f -> subnetId.equals(f.get("subnet_id")));
        p.updateOwnPort(ctx, (String) port.get("id"), Map.of("fixed_ips", kept));
        return info(routerId, port, List.of(subnet), false);
      } else if (has) {
        detachUnused(routerId, List.of(subnet), (String) port.get("id"));
        deleteDetached(ctx, routerId, (String) port.get("id"));
        return info(routerId, port, List.of(subnet), false);
      }
    }
    throw Faults.notFoundWith("RouterInterfaceNotFoundForSubnet", "Router " + routerId
        + " has no interface on subnet " + subnetId);
  }

  /**
   * _confirm_router_interface_not_in_use, then takes the interface port (when given) from the
   * router, in one transaction holding the router row: a floating IP association, which holds it
   * too while it finds its router, either came first and is seen here, or comes after and no
   * longer finds this interface.
   */
  private void detachUnused(String routerId, List<Map<String, Object>> subnets, String portId) {
    p.db.txVoid(h -> {
      L3Tables.ROUTERS.findForUpdate(h, routerId).orElseThrow(() -> L3Faults.routerNotFound(routerId));
      for (Map<String, Object> subnet : subnets) {
        confirmNotInUse(h, routerId, subnet);
      }
      if (portId != null && h.execute("DELETE FROM router_ports WHERE port_id = ? AND router_id = ?",
          portId, routerId) == 0) {
        throw Faults.notFoundWith("RouterInterfaceNotFound", "Router " + routerId
            + " does not have an interface with id " + portId);
      }
    });
  }

  /** Deletes an interface port {@link #detachUnused} took away; gives it back if that fails. */
  private void deleteDetached(RequestContext ctx, String routerId, String portId) {
    try {
      p.deleteOwnPort(ctx, portId);
    } catch (RuntimeException e) {
      try {
        p.db.txVoid(h -> h.execute("INSERT INTO router_ports (port_id, router_id, port_type) "
            + "VALUES (?, ?, ?)", portId, routerId, OWNER));
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static void confirmNotInUse(Handle h, String routerId, Map<String, Object> subnet) {
    Cidr cidr = Cidr.parse((String) subnet.get("cidr"));
    String subnetId = (String) subnet.get("id");
    List<String> portsOnSubnet = h.createQuery("SELECT port_id FROM ipallocations WHERE subnet_id = ?")
        .bind(0, subnetId).mapTo(String.class).list();
    for (Map<String, Object> fip : L3Tables.FLOATINGIPS.findWhere(h, "router_id", routerId)) {
      String fixed = (String) fip.get("fixed_ip_address");
      if (fixed != null && cidr.contains(fixed) && portsOnSubnet.contains(fip.get("port_id"))) {
        throw Faults.conflict("RouterInterfaceInUseByFloatingIP", "Router interface for subnet "
            + subnetId + " on router " + routerId + " cannot be deleted, as it is required by one "
            + "or more floating IPs.");
      }
    }
    for (Map<String, Object> r : RouterResource.routes(h, routerId)) {
      if (cidr.contains((String) r.get("nexthop"))) {
        throw Faults.conflict("RouterInterfaceInUseByRoute", "Router interface for subnet "
            + subnetId + " on router " + routerId + " cannot be deleted, as it is required by one "
            + "or more routes.");
      }
    }
  }
}
