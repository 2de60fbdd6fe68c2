package io.neutrino.server.ml2.ext;

import static io.neutrino.lib.apidef.Dns.DNSASSIGNMENT;
import static io.neutrino.lib.apidef.Dns.DNSDOMAIN;
import static io.neutrino.lib.apidef.Dns.DNSNAME;

import io.neutrino.lib.apidef.Dns;
import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import io.neutrino.lib.validate.Validators;
import io.neutrino.lib.spi.ml2.ExtensionDriver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * ML2's {@code dns} and {@code dns_domain_ports} extension drivers
 * (neutron/plugins/ml2/extensions/dns_integration.py DNSExtensionDriverML2 and
 * DNSDomainPortsExtensionDriver) without an external DNS service, which Neutrino does not have:
 * {@code dns_domain} of networks; {@code dns_name} (and with dns_domain_ports {@code dns_domain})
 * of ports; and {@code dns_assignment}, each fixed IP's hostname and FQDN.
 *
 * <p>As in Neutron, a port's dns_name is only kept when {@code [DEFAULT] dns_domain} is set to
 * something other than {@code openstacklocal}: otherwise it is accepted, not stored, and shows as
 * {@code ""}; each address is then named {@code host-<address with '-' for '.' and ':'>} in the
 * configured domain.
 */
public final class DnsExtensionDriver implements ExtensionDriver {
  /** Only a non-empty domain has a row. */
  private static final DriverTable<String> NETWORKS = new DriverTable<>("networkdnsdomains", "network_id",
      "dns_domain", rs -> rs.getString(2), (network, domain) -> network.put(DNSDOMAIN, domain == null ? "" : domain));
  private final boolean domainPorts;
  /** {@code [DEFAULT] dns_domain} as configured, for the dns_name validator's messages. */
  private final String configuredDomain;
  /** The configured domain with its trailing dot, or "" (Neutron's _get_dns_domain). */
  private final String domain;
  private final boolean keepsNames;
  private final DriverTable<PortDns> portTable = new DriverTable<>("portdnses", "port_id",
      "dns_name, dns_domain", rs -> new PortDns(rs.getString(2), rs.getString(3)), this::show);

  DnsExtensionDriver(String configuredDomain, boolean domainPorts) {
    this.configuredDomain = configuredDomain;
    this.domainPorts = domainPorts;
    this.domain = configuredDomain.isEmpty() || configuredDomain.endsWith(".")
        ? configuredDomain : configuredDomain + ".";
    this.keepsNames = !domain.isEmpty() && !domain.equals(Validators.DNS_DOMAIN_DEFAULT);
  }

  @Override
  public List<ExtensionDef> extensions() {
    ExtensionDef dns = Dns.extension(configuredDomain);
    return domainPorts ? List.of(dns, Dns.domainPorts()) : List.of(dns);
  }

  // ------------------------------------------------------------------ networks

  @Override
  public void processCreateNetwork(RequestContext ctx, Object tx, Map<String, Object> request,
      Map<String, Object> result) {
    if (!(request.get(DNSDOMAIN) instanceof String wanted)) {
      result.put(DNSDOMAIN, ""); // no row: what extendNetworkDicts shows
      return;
    }
    if (!wanted.isEmpty()) {
      DriverRows.insert(DriverRows.handle(tx), "INSERT INTO networkdnsdomains (network_id, dns_domain) VALUES (?, ?)",
          result.get("id"), wanted);
    }
    result.put(DNSDOMAIN, wanted);
  }

  @Override
  public void processUpdateNetwork(RequestContext ctx, Object tx, Map<String, Object> request,
      Map<String, Object> result) {
    if (!(request.get(DNSDOMAIN) instanceof String wanted) || wanted.equals(result.get(DNSDOMAIN))) {
      return;
    }
    Handle h = DriverRows.handle(tx);
    Object id = result.get("id");
    // Only a non-empty domain has a row.
    h.execute("DELETE FROM networkdnsdomains WHERE network_id = ?", id);
    if (!wanted.isEmpty()) {
      h.execute("INSERT INTO networkdnsdomains (network_id, dns_domain) VALUES (?, ?)", id, wanted);
    }
    result.put(DNSDOMAIN, wanted);
  }

  @Override
  public void extendNetworkDicts(Object tx, List<Map<String, Object>> networks) {
    NETWORKS.extend(tx, networks);
  }

  @Override
  public Callbacks.PageRead networkPageRead(List<Map<String, Object>> networks) {
    return NETWORKS.pageRead(networks);
  }

  // ------------------------------------------------------------------ ports

  /** A port's row in portdnses. */
  private record PortDns(String dnsName, String dnsDomain) {}

  @Override
  public void processCreatePort(RequestContext ctx, Object tx, Map<String, Object> request,
      Map<String, Object> result) {
    String name = text(request.get(DNSNAME));
    String portDomain = text(request.get(DNSDOMAIN));
    PortDns stored = null;
    if (!(name.isEmpty() && portDomain.isEmpty()) && keepsNames) {
      DriverRows.insert(DriverRows.handle(tx), "INSERT INTO portdnses (port_id, dns_name, dns_domain) VALUES (?, ?, ?)",
          result.get("id"), name, portDomain);
      stored = new PortDns(name, portDomain);
    }
    show(result, stored);
  }

  /** processCreatePort shows what it stored, from the port's fixed IPs as allocated. */
  @Override
  public boolean completesCreatedPort() {
    return true;
  }

  @Override
  public boolean completesCreatedNetwork() {
    return true;
  }

  /** Neutron's _process_only_port_update: the given attributes replace the stored ones. */
  @Override
  public void processUpdatePort(RequestContext ctx, Object tx, Map<String, Object> request,
      Map<String, Object> result) {
    boolean hasName = request.containsKey(DNSNAME);
    boolean hasDomain = request.containsKey(DNSDOMAIN);
    if (!(hasName || hasDomain) || !keepsNames) {
      return;
    }
    Handle h = DriverRows.handle(tx);
    Object id = result.get("id");
    PortDns stored = h.createQuery("SELECT dns_name, dns_domain FROM portdnses WHERE port_id = ?").bind(0, id)
        .map((rs, c) -> new PortDns(rs.getString(1), rs.getString(2))).findOne().orElse(null);
    String name = hasName ? text(request.get(DNSNAME)) : stored == null ? "" : stored.dnsName();
    String portDomain = hasDomain ? text(request.get(DNSDOMAIN)) : stored == null ? "" : stored.dnsDomain();
    if (stored == null) {
      h.execute("INSERT INTO portdnses (port_id, dns_name, dns_domain) VALUES (?, ?, ?)", id, name, portDomain);
    } else {
      h.execute("UPDATE portdnses SET dns_name = ?, dns_domain = ? WHERE port_id = ?", name, portDomain, id);
    }
  }

  @Override
  public void extendPortDicts(Object tx, List<Map<String, Object>> ports) {
    portTable.extend(tx, ports);
  }

  @Override
  public Callbacks.PageRead portPageRead(List<Map<String, Object>> ports) {
    return portTable.pageRead(ports);
  }

  @Override
  public Callbacks.SideRead<?> portSideRead(String portId) {
    return portTable.sideRead(portId);
  }

  /** A port's attributes given its row in portdnses, or null when it has none. */
  private void show(Map<String, Object> port, PortDns dns) {
    port.put(DNSNAME, dns == null ? "" : dns.dnsName());
    port.put(DNSASSIGNMENT, assignment(port.get("fixed_ips"), keepsNames && dns != null ? dns.dnsName() : ""));
    if (domainPorts) {
      port.put(DNSDOMAIN, dns == null ? "" : dns.dnsDomain());
    }
  }

  /** _get_dns_names_for_port: hostname and FQDN of each fixed IP. */
  private List<Map<String, Object>> assignment(Object fixedIps, String name) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (!(fixedIps instanceof List<?> ips)) {
      return out;
    }
    for (Object o : ips) {
      String ip = (String) ((Map<?, ?>) o).get("ip_address");
      String hostname;
      String fqdn;
      if (!name.isEmpty()) {
        hostname = name;
        fqdn = name.endsWith(".") ? name : name + "." + domain;
      } else {
        hostname = "host-" + ip.replace('.', '-').replace(':', '-');
        fqdn = domain.isEmpty() ? hostname : hostname + "." + domain;
      }
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("ip_address", ip);
      a.put("hostname", hostname);
      a.put("fqdn", fqdn);
      out.add(a);
    }
    return out;
  }

  private static String text(Object value) {
    return value instanceof String s ? s : "";
  }

  private static String configuredDomain(PluginContext context) {
    return context.option("DEFAULT", "dns_domain").map(String::trim).orElse("openstacklocal");
  }

  /** {@code neutron.ml2.extension_drivers: dns}. */
  public static final class Provider implements PluginProvider {
    @Override
    public String namespace() {
      return Namespace.ML2_EXTENSION_DRIVERS;
    }

    @Override
    public List<String> aliases() {
      return List.of("dns");
    }

    @Override
    public String className() {
      return "neutron.plugins.ml2.extensions.dns_integration.DNSExtensionDriverML2";
    }

    @Override
    public Object create(PluginContext context) {
      return new DnsExtensionDriver(configuredDomain(context), false);
    }
  }

  /** {@code neutron.ml2.extension_drivers: dns_domain_ports}. */
  public static final class DomainPortsProvider implements PluginProvider {
    @Override
    public String namespace() {
      return Namespace.ML2_EXTENSION_DRIVERS;
    }

    @Override
    public List<String> aliases() {
      return List.of("dns_domain_ports");
    }

    @Override
    public String className() {
      return "neutron.plugins.ml2.extensions.dns_integration.DNSDomainPortsExtensionDriver";
    }

    @Override
    public Object create(PluginContext context) {
      return new DnsExtensionDriver(configuredDomain(context), true);
    }
  }
}
