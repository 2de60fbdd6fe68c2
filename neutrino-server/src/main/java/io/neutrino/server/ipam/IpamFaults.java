package io.neutrino.server.ipam;

import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;

/**
 * The IPAM faults, named and worded as neutron-lib 3.1 (Zed) names and words them, with the status
 * Neutron's fault map derives from each class's base: BadRequest 400, Conflict/InUse/OverQuota 409.
 * {@code SubnetAllocationError} derives from the bare NeutronException, which the fault map does
 * not list, so Neutron answers it with 500 (its own API tests assert 500 for an exhausted or
 * non-matching specific subnet request).
 */
public final class IpamFaults {
  private IpamFaults() {}

  static NeutronException invalidInput(String detail) {
    return Faults.invalidInput(detail);
  }

  /** BadRequest: {@code The allocation pool %(pool)s is not valid.} */
  static NeutronException invalidAllocationPool(String pool) {
    return new NeutronException("InvalidAllocationPool", 400,
        "The allocation pool " + pool + " is not valid.");
  }

  /** Conflict. */
  static NeutronException overlappingAllocationPools(IpRange p1, IpRange p2, String cidr) {
    return new NeutronException("OverlappingAllocationPools", 409,
        "Found overlapping allocation pools: " + p1 + " " + p2 + " for subnet " + cidr + ".");
  }

  /** BadRequest. */
  static NeutronException outOfBoundsAllocationPool(IpRange pool, String cidr) {
    return new NeutronException("OutOfBoundsAllocationPool", 400,
        "The allocation pool " + pool + " spans beyond the subnet cidr " + cidr + ".");
  }

  /** InUse, 409. */
  static NeutronException gatewayConflictWithAllocationPools(String gateway, IpRange pool) {
    return new NeutronException("GatewayConflictWithAllocationPools", 409,
        "Gateway ip " + gateway + " conflicts with allocation pool " + pool + ".");
  }

  /** BadRequest. */
  static NeutronException hostRoutesExhausted(String subnetId, int quota) {
    return new NeutronException("HostRoutesExhausted", 400, "Unable to complete operation for "
        + subnetId + ". The number of host routes exceeds the limit " + quota + ".");
  }

  /** BadRequest. */
  static NeutronException dnsNameServersExhausted(String subnetId, int quota) {
    return new NeutronException("DNSNameServersExhausted", 400, "Unable to complete operation for "
        + subnetId + ". The number of DNS nameservers exceeds the limit " + quota + ".");
  }

  /** BadRequest. */
  static NeutronException invalidIpForSubnet(String ip) {
    return new NeutronException("InvalidIpForSubnet", 400,
        "IP address " + ip + " is not a valid IP for the specified subnet.");
  }

  /** Bare NeutronException in neutron-lib: not in the fault map, hence 500. */
  static NeutronException subnetAllocationError(String reason) {
    return new NeutronException("SubnetAllocationError", 500,
        "Failed to allocate subnet: " + reason + ".");
  }

  /** BadRequest. */
  static NeutronException maxPrefixSubnetAllocationError(int prefixlen, int max) {
    return new NeutronException("MaxPrefixSubnetAllocationError", 400,
        "Unable to allocate subnet with prefix length " + prefixlen
            + ", maximum allowed prefix is " + max + ".");
  }

  /** BadRequest. */
  static NeutronException minPrefixSubnetAllocationError(int prefixlen, int min) {
    return new NeutronException("MinPrefixSubnetAllocationError", 400,
        "Unable to allocate subnet with prefix length " + prefixlen
            + ", minimum allowed prefix is " + min + ".");
  }

  /** BadRequest. */
  static NeutronException illegalSubnetPoolPrefixBounds(String type, int len, String baseType,
      int baseLen) {
    return new NeutronException("IllegalSubnetPoolPrefixBounds", 400, "Illegal prefix bounds: "
        + type + "=" + len + ", " + baseType + "=" + baseLen + ".");
  }

  /** BadRequest. */
  static NeutronException unsupportedMinSubnetPoolPrefix(int prefix, int version) {
    return new NeutronException("UnsupportedMinSubnetPoolPrefix", 400,
        "Prefix '" + prefix + "' not supported in IPv" + version + " pool.");
  }

  /** BadRequest. */
  static NeutronException emptySubnetPoolPrefixList() {
    return new NeutronException("EmptySubnetPoolPrefixList", 400, "Empty subnet pool prefix list.");
  }

  /** BadRequest. */
  static NeutronException prefixVersionMismatch() {
    return new NeutronException("PrefixVersionMismatch", 400,
        "Cannot mix IPv4 and IPv6 prefixes in a subnet pool.");
  }

  /** BadRequest. */
  static NeutronException illegalSubnetPoolPrefixUpdate(String msg) {
    return new NeutronException("IllegalSubnetPoolPrefixUpdate", 400,
        "Illegal update to prefixes: " + msg + ".");
  }

  /** OverQuota (a Conflict), 409. */
  static NeutronException subnetPoolQuotaExceeded() {
    return new NeutronException("SubnetPoolQuotaExceeded", 409,
        "Per-tenant subnet pool prefix quota exceeded.");
  }

  /** Conflict. */
  static NeutronException addressScopePrefixConflict() {
    return new NeutronException("AddressScopePrefixConflict", 409,
        "Failed to associate address scope: subnetpools within an address scope must have "
            + "unique prefixes.");
  }
}
