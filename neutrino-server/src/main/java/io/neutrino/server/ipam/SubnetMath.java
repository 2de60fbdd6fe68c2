package io.neutrino.server.ipam;

import inet.ipaddr.AddressValueException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Database-free subnet address rules of Neutron Zed: default gateway, default allocation pools,
 * gateway / pool / nameserver / host route validation.
 *
 * <p>Sources (Zed): neutron/ipam/utils.py ({@code check_subnet_ip},
 * {@code check_gateway_invalid_in_subnet}, {@code generate_pools}), neutron/db/ipam_backend_mixin.py
 * ({@code _gateway_ip_str}, {@code pools_to_ip_range}, {@code validate_allocation_pools},
 * {@code validate_gw_out_of_pools}, {@code _prepare_allocation_pools}, {@code _validate_subnet_cidr}),
 * neutron/db/db_base_plugin_v2.py ({@code _validate_subnet}, {@code _validate_ip_version},
 * {@code _validate_host_route}).
 *
 * <p>Every method is O(1) in the subnet size (pools are computed as ranges, never enumerated).
 */
public final class SubnetMath {
  private SubnetMath() {}

  /** The temporary CIDR of an IPv6 prefix-delegation subnet ({@code PROVISIONAL_IPV6_PD_PREFIX}). */
  public static final String PROVISIONAL_IPV6_PD_PREFIX = "::/64";

  /** Device owners of router ports ({@code neutron_lib.constants.ROUTER_PORT_OWNERS}). */
  public static final Set<String> ROUTER_PORT_OWNERS = Set.of(
      "network:router_interface", "network:router_interface_distributed",
      "network:ha_router_replicated_interface", "network:router_gateway");

  /** A user-supplied allocation pool before validation. */
  public record RawPool(String start, String end) {
    String pythonRepr() {
      return "{'start': '" + start + "', 'end': '" + end + "'}";
    }
  }

  // ---------------------------------------------------------------- gateway

  /**
   * The gateway Neutron gives a subnet created with an explicit cidr and no {@code gateway_ip}
   * ({@code IpamBackendMixin._gateway_ip_str}): IPv4 the first host ({@code .1}), IPv6 the
   * network address itself (the subnet-router anycast address, e.g. {@code 2001:db8::}) — Zed
   * reads {@code ip_version} there since bug 1856726, so it is not {@code ::1}.
   */
  public static String defaultGateway(Cidr cidr) {
    return cidr.version() == 6 ? cidr.network() : firstHost(cidr);
  }

  /**
   * Network address + 1 ({@code subnet.network + 1} / {@code utils.get_first_host_ip}): the
   * gateway of a subnet allocated from a subnet pool without {@code gateway_ip} and of a
   * prefix-delegated subnet, for both versions. For a /32 (or /128) it lies outside the subnet,
   * as in Neutron; {@code null} only for the very last address of the space.
   */
  public static String firstHost(Cidr cidr) {
    try {
      IPAddress next = cidr.block().getLower().increment(1);
      return next == null ? null : IpAddresses.format(next);
    } catch (AddressValueException e) {
      return null;
    }
  }

  /**
   * {@code check_gateway_invalid_in_subnet}: a gateway inside an IPv4 subnet must not be its
   * network or last (broadcast) address — for /31 and /32 as well. Any gateway outside the
   * subnet is acceptable (Neutron cannot tell its subnet), and IPv6 has no invalid gateway.
   */
  public static boolean isGatewayInvalidInSubnet(Cidr cidr, String gateway) {
    IPAddress gw = IpAddresses.parse(gateway);
    if (cidr.version() != 4 || !cidr.contains(gw)) {
      return false;
    }
    IPAddress block = cidr.block();
    return gw.getValue().equals(block.getValue()) || gw.getValue().equals(block.getUpperValue());
  }

  /**
   * {@code check_subnet_ip}: whether a fixed IP may be assigned on the subnet. IPv4: inside and
   * neither network nor broadcast address (even for /31, /32). IPv6: inside, and the network
   * address only for router ports or an unknown owner ({@code null} or empty).
   */
  public static boolean checkSubnetIp(Cidr cidr, String ip, String deviceOwner) {
    IPAddress a = IpAddresses.parseOrNull(ip);
    if (a == null || !cidr.contains(a)) {
      return false;
    }
    IPAddress block = cidr.block();
    boolean isNetwork = a.getValue().equals(block.getValue());
    if (cidr.version() == 4) {
      return !isNetwork && !a.getValue().equals(block.getUpperValue());
    }
    String owner = deviceOwner == null ? "" : deviceOwner;
    return owner.isEmpty() || ROUTER_PORT_OWNERS.contains(owner) || !isNetwork;
  }

  /**
   * Validates {@code gateway_ip} as {@code _validate_subnet} does. {@code null} or empty means
   * "no gateway" and passes. Errors: an unparsable address is rejected the way the API layer
   * rejects it (400 HTTPBadRequest), a version mismatch or a network/broadcast gateway of an IPv4
   * subnet is {@code InvalidInput} (400). {@code cidr} may be {@code null} (subnet-pool request).
   */
  public static void validateGateway(int ipVersion, Cidr cidr, String gateway) {
    if (gateway == null || gateway.isEmpty()) {
      return;
    }
    if (!IpAddresses.isValid(gateway)) {
      throw Faults.badRequest("Invalid input for gateway_ip. Reason: '" + gateway
          + "' is not a valid IP address.");
    }
    validateIpVersion(ipVersion, gateway, "gateway_ip");
    if (cidr != null && isGatewayInvalidInSubnet(cidr, gateway)) {
      throw IpamFaults.invalidInput("Gateway is not valid on subnet");
    }
  }

  /**
   * The check a subnet request makes once its cidr is known (neutron/ipam/requests.py
   * {@code _validate_gateway_ip_in_subnet}), e.g. after allocating from a subnet pool:
   * {@code IpamValueInvalid}, a Conflict (409).
   */
  public static void validateGatewayForAllocatedSubnet(Cidr cidr, String gateway) {
    if (gateway != null && !gateway.isEmpty() && isGatewayInvalidInSubnet(cidr, gateway)) {
      throw new NeutronException("IpamValueInvalid", 409, "Gateway IP "
          + IpAddresses.canonical(gateway) + " cannot be allocated in CIDR " + cidr);
    }
  }

  /**
   * {@code _validate_ip_version}: {@code addr} (address or CIDR) must be of {@code ipVersion},
   * else {@code InvalidInput: <name> '<addr>' does not match the ip_version '<v>'}.
   */
  public static void validateIpVersion(int ipVersion, String addr, String name) {
    Cidr c = Cidr.parseOrNull(addr);
    if (c == null) {
      throw IpamFaults.invalidInput("Invalid IP address or CIDR for " + name + ": " + addr);
    }
    if (c.version() != ipVersion) {
      throw IpamFaults.invalidInput(name + " '" + addr + "' does not match the ip_version '"
          + ipVersion + "'");
    }
  }

  // ---------------------------------------------------------------- pools

  /**
   * {@code generate_pools(cidr, gateway_ip)}: the usable range of the subnet minus the gateway,
   * as ranges in ascending order. Usable range: IPv4 up to /30 excludes network and broadcast;
   * IPv4 /31 and /32 use every address; IPv6 excludes only the network (subnet-router anycast)
   * address. A single-address subnet always yields that address, even when it is the gateway. A
   * gateway outside the usable range changes nothing. May be empty (IPv6 /127 with the gateway on
   * its last address).
   */
  public static List<IpRange> generatePools(Cidr cidr, String gatewayIp) {
    IPAddress block = cidr.block();
    IPAddress first = block.getLower().withoutPrefixLength();
    IPAddress last = block.getUpper().withoutPrefixLength();
    if (first.equals(last)) {
      return List.of(new IpRange(IpAddresses.format(first), IpAddresses.format(last)));
    }
    IPAddress firstIp = first;
    IPAddress lastIp = last;
    if (cidr.version() == 4) {
      if (cidr.prefixLength() <= 30) {
        firstIp = first.increment(1);
        lastIp = last.increment(-1);
      }
    } else {
      firstIp = first.increment(1);
    }
    IPAddressSeqRange usable = firstIp.spanWithRange(lastIp);
    List<IPAddressSeqRange> pieces = new ArrayList<>();
    IPAddress gw = gatewayIp == null || gatewayIp.isEmpty() ? null : IpAddresses.parse(gatewayIp);
    if (gw != null && gw.getIPVersion() == first.getIPVersion()) {
      IPAddressSeqRange[] rest = usable.subtract(gw.toSequentialRange());
      if (rest != null) {
        pieces.addAll(Arrays.asList(rest));
      }
    } else {
      pieces.add(usable);
    }
    pieces.sort(Comparator.comparing(r -> r.getLower().getValue()));
    List<IpRange> out = new ArrayList<>(pieces.size());
    for (IPAddressSeqRange r : pieces) {
      out.add(IpRange.of(r));
    }
    return out;
  }

  /**
   * {@code pools_to_ip_range}: turns user pools into ranges; an unparsable end, ends of different
   * versions or start above end give {@code InvalidAllocationPool} (400) naming the pool dict.
   */
  public static List<IpRange> parsePools(List<RawPool> pools) {
    List<IpRange> out = new ArrayList<>(pools.size());
    for (RawPool p : pools) {
      IpRange r = IpRange.ofOrNull(p.start(), p.end());
      if (r == null) {
        throw IpamFaults.invalidAllocationPool(p.pythonRepr());
      }
      out.add(r);
    }
    return out;
  }

  /**
   * {@code validate_allocation_pools(ip_pools, subnet_cidr)}, checks in Neutron's order:
   * each pool (in order) must match the subnet's version ({@code InvalidAllocationPool}, 400) and
   * lie within the usable range — IPv4 up to /30 without network and broadcast address, /31 and
   * /32 whole, IPv6 without the network address ({@code OutOfBoundsAllocationPool}, 400); then no
   * two pools may overlap ({@code OverlappingAllocationPools}, 409, first pair in input order).
   */
  public static void validateAllocationPools(List<IpRange> pools, Cidr cidr) {
    IPAddress block = cidr.block();
    var firstIp = block.getValue();
    var lastIp = block.getUpperValue();
    if (cidr.version() == 6 || cidr.prefixLength() <= 30) {
      firstIp = firstIp.add(java.math.BigInteger.ONE);
    }
    if (cidr.version() == 4 && cidr.prefixLength() <= 30) {
      lastIp = lastIp.subtract(java.math.BigInteger.ONE);
    }
    for (IpRange pool : pools) {
      if (pool.version() != cidr.version()) {
        throw IpamFaults.invalidAllocationPool(pool.toString());
      }
      if (pool.first().compareTo(firstIp) < 0 || pool.last().compareTo(lastIp) > 0) {
        throw IpamFaults.outOfBoundsAllocationPool(pool, cidr.toString());
      }
    }
    for (int l = 0; l < pools.size(); l++) {
      for (int r = l + 1; r < pools.size(); r++) {
        if (pools.get(l).overlaps(pools.get(r))) {
          throw IpamFaults.overlappingAllocationPools(pools.get(l), pools.get(r), cidr.toString());
        }
      }
    }
  }

  /**
   * {@code validate_gw_out_of_pools}: the gateway may not lie in any pool —
   * {@code GatewayConflictWithAllocationPools} (an InUse, 409) naming the first such pool.
   */
  public static void validateGatewayOutOfPools(String gatewayIp, List<IpRange> pools) {
    if (gatewayIp == null || gatewayIp.isEmpty()) {
      return;
    }
    for (IpRange pool : pools) {
      if (pool.contains(gatewayIp)) {
        throw IpamFaults.gatewayConflictWithAllocationPools(gatewayIp, pool);
      }
    }
  }

  /**
   * {@code _prepare_allocation_pools}: without user pools ({@code null}) the generated default
   * pools; otherwise the parsed, validated user pools, checked against the gateway.
   */
  public static List<IpRange> prepareAllocationPools(Cidr cidr, String gatewayIp,
      List<RawPool> userPools) {
    if (userPools == null) {
      return generatePools(cidr, gatewayIp);
    }
    List<IpRange> ranges = parsePools(userPools);
    validateAllocationPools(ranges, cidr);
    validateGatewayOutOfPools(gatewayIp, ranges);
    return ranges;
  }

  // ---------------------------------------------------------------- subnet-level checks

  /**
   * {@code _validate_subnet_cidr}: prefix length 0 is refused, and the new cidr may not overlap
   * another subnet of the network (except the provisional IPv6 PD prefix {@code ::/64}); both
   * {@code InvalidInput} (400). {@code requestedCidr} is echoed as given.
   */
  public static void validateSubnetCidr(String requestedCidr, String networkId,
      Collection<Cidr> networkSubnets) {
    Cidr cidr = Cidr.parse(requestedCidr);
    if (cidr.prefixLength() == 0) {
      throw IpamFaults.invalidInput("0 is not allowed as CIDR prefix length");
    }
    for (Cidr other : networkSubnets) {
      if (other.overlaps(cidr) && !other.toString().equals(PROVISIONAL_IPV6_PD_PREFIX)) {
        throw IpamFaults.invalidInput("Requested subnet with cidr: " + requestedCidr
            + " for network: " + networkId + " overlaps with another subnet");
      }
    }
  }

  /**
   * The checks {@code _validate_subnet} makes when DHCP becomes enabled on a subnet: prefix
   * length at most /30 (IPv4) or /126 (IPv6), not multicast, not loopback, and for IPv4 not
   * starting at 0.0.0.0; each {@code InvalidInput} (400).
   */
  public static void validateDhcpCompatible(Cidr cidr) {
    if ((cidr.version() == 4 && cidr.prefixLength() > 30)
        || (cidr.version() == 6 && cidr.prefixLength() > 126)) {
      throw IpamFaults.invalidInput(
          "Subnet has a prefix length that is incompatible with DHCP service enabled");
    }
    IPAddress block = cidr.block();
    if (block.isMulticast()) {
      throw IpamFaults.invalidInput("Multicast IP subnet is not supported if enable_dhcp is True");
    }
    if (block.isLoopback()) {
      throw IpamFaults.invalidInput("Loopback IP subnet is not supported if enable_dhcp is True");
    }
    if (cidr.version() == 4 && block.getValue().signum() == 0) {
      throw IpamFaults.invalidInput(
          "First IP '0.0.0.0' of network is not supported if enable_dhcp is True.");
    }
  }

  /**
   * {@code dns_nameservers} of a subnet: at most {@code max} entries
   * ({@code DNSNameServersExhausted}, 400, {@code subnetId} or "new subnet"), each a valid address
   * ({@code InvalidInput: Error parsing dns address <x>}) of the subnet's version
   * ({@code InvalidInput: dns_nameserver '<x>' does not match the ip_version '<v>'}).
   */
  public static void validateDnsNameservers(int ipVersion, List<String> nameservers, int max,
      String subnetId) {
    if (nameservers.size() > max) {
      throw IpamFaults.dnsNameServersExhausted(subnetId == null ? "new subnet" : subnetId, max);
    }
    for (String dns : nameservers) {
      if (!IpAddresses.isValid(dns)) {
        throw IpamFaults.invalidInput("Error parsing dns address " + dns);
      }
      validateIpVersion(ipVersion, dns, "dns_nameserver");
    }
  }

  /**
   * {@code host_routes} of a subnet: at most {@code max} entries ({@code HostRoutesExhausted},
   * 400); each destination a CIDR and nexthop an address ({@code InvalidInput: Invalid route:
   * {...}}), nexthop then destination of the subnet's version (version-mismatch InvalidInput).
   */
  public static void validateHostRoutes(int ipVersion, List<HostRoute> routes, int max,
      String subnetId) {
    if (routes.size() > max) {
      throw IpamFaults.hostRoutesExhausted(subnetId == null ? "new subnet" : subnetId, max);
    }
    for (HostRoute rt : routes) {
      if (Cidr.parseOrNull(rt.destination()) == null || !IpAddresses.isValid(rt.nexthop())) {
        throw IpamFaults.invalidInput("Invalid route: " + rt.pythonRepr());
      }
      validateIpVersion(ipVersion, rt.nexthop(), "nexthop");
      validateIpVersion(ipVersion, rt.destination(), "destination");
    }
  }
}
