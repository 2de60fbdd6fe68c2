package io.neutrino.server.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neutrino.lib.fault.NeutronException;
import io.neutrino.server.ipam.PrefixAllocator.PrefixBounds;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrefixAllocatorTest {

  private static List<Cidr> cidrs(String... s) {
    return java.util.Arrays.stream(s).map(Cidr::parse).toList();
  }

  private static NeutronException fault(Runnable r) {
    try {
      r.run();
    } catch (NeutronException e) {
      return e;
    }
    throw new AssertionError("no NeutronException raised");
  }

  private static final PrefixBounds V4 = new PrefixBounds(21, 32, 21);

  @Test
  void compactMergesAdjacentAndOverlapping() {
    assertThat(PrefixAllocator.compact(cidrs("10.0.0.128/25", "10.0.0.0/25", "10.0.0.0/26")))
        .containsExactly(Cidr.parse("10.0.0.0/24"));
    assertThat(PrefixAllocator.compact(cidrs("10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24")))
        .containsExactly(Cidr.parse("10.0.1.0/24"), Cidr.parse("10.0.2.0/23"));
    assertThat(PrefixAllocator.compactStrings(List.of("2001:db8::/65", "2001:db8:0:0:8000::/65")))
        .containsExactly(Cidr.parse("2001:db8::/64"));
    assertThat(fault(() -> PrefixAllocator.compactStrings(List.of())).type())
        .isEqualTo("EmptySubnetPoolPrefixList");
    NeutronException e = fault(() -> PrefixAllocator.compactStrings(
        List.of("10.0.0.0/8", "2001:db8::/32")));
    assertThat(e.type()).isEqualTo("PrefixVersionMismatch");
    assertThat(e.status()).isEqualTo(400);
  }

  @Test
  void boundsDefaultsAndErrors() {
    assertThat(PrefixAllocator.resolveBounds(4, null, null, null))
        .isEqualTo(new PrefixBounds(8, 32, 8));
    assertThat(PrefixAllocator.resolveBounds(6, null, null, null))
        .isEqualTo(new PrefixBounds(64, 128, 64));
    NeutronException e = fault(() -> PrefixAllocator.resolveBounds(4, 24, 16, null));
    assertThat(e.type()).isEqualTo("IllegalSubnetPoolPrefixBounds");
    assertThat(e.getMessage()).isEqualTo(
        "Illegal prefix bounds: min_prefixlen=24, max_prefixlen=16.");
    assertThat(fault(() -> PrefixAllocator.resolveBounds(4, 8, 33, null)).getMessage())
        .isEqualTo("Illegal prefix bounds: max_prefixlen=33, ip_version_max=32.");
    assertThat(fault(() -> PrefixAllocator.resolveBounds(4, 8, 24, 28)).getMessage())
        .isEqualTo("Illegal prefix bounds: default_prefixlen=28, max_prefixlen=24.");
    assertThat(fault(() -> PrefixAllocator.resolveBounds(4, -1, 24, 8)).type())
        .isEqualTo("UnsupportedMinSubnetPoolPrefix");
  }

  @Test
  void allocateAnyAsNeutronTests() {
    List<Cidr> pool = cidrs("10.1.0.0/16", "192.168.1.0/24");
    assertThat(PrefixAllocator.allocateAny(pool, List.of(), 21, V4))
        .isEqualTo(Cidr.parse("10.1.0.0/21"));
    // test_insufficient_prefix_space_for_any_allocation
    NeutronException e = fault(() -> PrefixAllocator.allocateAny(
        cidrs("10.1.1.0/24", "192.168.1.0/24"), List.of(), 21, V4));
    assertThat(e.type()).isEqualTo("SubnetAllocationError");
    assertThat(e.status()).isEqualTo(500);
    assertThat(e.getMessage()).isEqualTo(
        "Failed to allocate subnet: Insufficient prefix space to allocate subnet size /21.");
  }

  @Test
  void allocateAnyIsBestFit() {
    // smallest free block that fits wins, even at a higher address
    List<Cidr> pool = cidrs("10.0.0.0/16", "192.168.1.0/24");
    assertThat(PrefixAllocator.allocateAny(pool, List.of(), 24, V4.minPrefixlen() > 24
        ? V4 : new PrefixBounds(8, 32, 24))).isEqualTo(Cidr.parse("192.168.1.0/24"));
    PrefixBounds b = new PrefixBounds(8, 32, 24);
    List<Cidr> allocated = cidrs("10.0.0.0/24", "192.168.1.0/24");
    assertThat(PrefixAllocator.allocateAny(pool, allocated, 24, b))
        .isEqualTo(Cidr.parse("10.0.1.0/24"));
    assertThat(PrefixAllocator.allocateAny(pool, cidrs("10.0.0.0/24", "10.0.1.0/24",
        "192.168.1.0/24"), 23, b)).isEqualTo(Cidr.parse("10.0.2.0/23"));
    assertThat(PrefixAllocator.availablePrefixes(cidrs("10.0.0.0/24"), cidrs("10.0.0.64/26")))
        .containsExactly(Cidr.parse("10.0.0.0/26"), Cidr.parse("10.0.0.128/25"));
  }

  @Test
  void prefixlenBounds() {
    NeutronException e = fault(() -> PrefixAllocator.allocateAny(cidrs("10.0.0.0/8"), List.of(),
        16, V4));
    assertThat(e.type()).isEqualTo("MinPrefixSubnetAllocationError");
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo(
        "Unable to allocate subnet with prefix length 16, minimum allowed prefix is 21.");
    e = fault(() -> PrefixAllocator.allocateAny(cidrs("10.0.0.0/8"), List.of(), 30,
        new PrefixBounds(8, 28, 24)));
    assertThat(e.type()).isEqualTo("MaxPrefixSubnetAllocationError");
    assertThat(e.getMessage()).isEqualTo(
        "Unable to allocate subnet with prefix length 30, maximum allowed prefix is 28.");
  }

  @Test
  void allocateSpecific() {
    List<Cidr> pool = cidrs("10.1.0.0/16", "192.168.1.0/24");
    assertThat(PrefixAllocator.allocateSpecific(pool, List.of(), Cidr.parse("10.1.2.0/24"),
        new PrefixBounds(21, 32, 21))).isEqualTo(Cidr.parse("10.1.2.0/24"));
    // spans two adjacent pool prefixes: fine, compacted free space holds it
    assertThat(PrefixAllocator.allocateSpecific(cidrs("10.0.0.0/25", "10.0.0.128/25"), List.of(),
        Cidr.parse("10.0.0.0/24"), new PrefixBounds(8, 32, 24))).isEqualTo(Cidr.parse("10.0.0.0/24"));
    // test_insufficient_prefix_space_for_specific_allocation
    NeutronException e = fault(() -> PrefixAllocator.allocateSpecific(cidrs("10.1.0.0/24"),
        List.of(), Cidr.parse("10.1.0.0/21"), V4));
    assertThat(e.type()).isEqualTo("SubnetAllocationError");
    assertThat(e.status()).isEqualTo(500);
    assertThat(e.getMessage()).isEqualTo("Failed to allocate subnet: Cannot allocate requested "
        + "subnet from the available set of prefixes.");
    // test_allocate_specific_subnet_already_allocated / _non_existent_prefix
    PrefixBounds b = new PrefixBounds(21, 32, 21);
    assertThat(fault(() -> PrefixAllocator.allocateSpecific(cidrs("10.10.10.0/24"),
        cidrs("10.10.10.0/24"), Cidr.parse("10.10.10.0/24"), b)).status()).isEqualTo(500);
    assertThat(fault(() -> PrefixAllocator.allocateSpecific(cidrs("10.10.0.0/16"), List.of(),
        Cidr.parse("192.168.1.0/24"), b)).status()).isEqualTo(500);
    assertThat(fault(() -> PrefixAllocator.allocateSpecific(cidrs("10.10.0.0/16"),
        cidrs("10.10.1.128/25"), Cidr.parse("10.10.1.0/24"), b)).status()).isEqualTo(500);
  }

  @Test
  void quota() {
    // test_subnetpool_default_quota_exceeded: quota 1 (in /64 units), request fe80::/63 = 2 units
    NeutronException e = fault(() -> PrefixAllocator.checkQuota(6, List.of(), 63, 1));
    assertThat(e.type()).isEqualTo("SubnetPoolQuotaExceeded");
    assertThat(e.status()).isEqualTo(409);
    PrefixAllocator.checkQuota(6, List.of(), 64, 1);
    PrefixAllocator.checkQuota(4, cidrs("10.0.0.0/24"), 24, 512);
    assertThat(fault(() -> PrefixAllocator.checkQuota(4, cidrs("10.0.0.0/24"), 24, 511)).type())
        .isEqualTo("SubnetPoolQuotaExceeded");
    PrefixAllocator.checkQuota(4, cidrs("10.0.0.0/8"), 8, null);
  }

  @Test
  void addressScopeAndPrefixUpdates() {
    PrefixAllocator.checkAddressScopeConflict(cidrs("10.0.0.0/16"),
        List.of(cidrs("10.1.0.0/16"), cidrs("192.168.0.0/16")));
    NeutronException e = fault(() -> PrefixAllocator.checkAddressScopeConflict(
        cidrs("10.0.0.0/16"), List.of(cidrs("10.0.128.0/17"))));
    assertThat(e.type()).isEqualTo("AddressScopePrefixConflict");
    assertThat(e.status()).isEqualTo(409);

    assertThat(PrefixAllocator.updatePrefixes(cidrs("10.0.0.0/24"),
        cidrs("10.0.0.0/24", "10.0.1.0/24"))).containsExactly(Cidr.parse("10.0.0.0/23"));
    e = fault(() -> PrefixAllocator.updatePrefixes(cidrs("10.0.0.0/23"), cidrs("10.0.0.0/24")));
    assertThat(e.type()).isEqualTo("IllegalSubnetPoolPrefixUpdate");
    assertThat(e.getMessage()).isEqualTo("Illegal update to prefixes: "
        + "Existing prefixes must be a subset of the new prefixes.");

    assertThat(PrefixAllocator.removePrefixes(cidrs("10.0.0.0/23"), cidrs("10.0.1.0/24"),
        cidrs("10.0.0.0/25"))).containsExactly(Cidr.parse("10.0.0.0/24"));
    assertThat(PrefixAllocator.removePrefixes(cidrs("10.0.0.0/23"), cidrs("192.168.0.0/24"),
        List.of())).containsExactly(Cidr.parse("10.0.0.0/23"));
    assertThat(fault(() -> PrefixAllocator.removePrefixes(cidrs("10.0.0.0/23"),
        cidrs("10.0.1.0/24"), cidrs("10.0.1.64/26"))).type())
        .isEqualTo("IllegalSubnetPoolPrefixUpdate");
  }
}
