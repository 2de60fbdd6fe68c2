package io.neutrino.server.qos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Placement names and group ids of resource_request, pinned to Python's uuid and os_traits. */
class ResourceRequestsTest {
  @Test
  void uuid5AsPythonComputesIt() {
    // uuid.uuid5(uuid.UUID(ns), name) in CPython 3
    assertThat(ResourceRequests.uuid5(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "a:b"))
        .hasToString("c9d6b581-bfe3-5415-aff0-be1ededc9647");
    UUID port = UUID.fromString("3b9b4a5e-7f2c-4c1e-9d2a-0f6a1c2b3d4e");
    assertThat(ResourceRequests.uuid5(port, "8f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"))
        .hasToString("efc2a856-285c-5b52-8402-1dd04a5d88e4");
    assertThat(ResourceRequests.uuid5(port, "x:\u00fc")).hasToString("7e44de73-35ae-5b76-a3a4-fa73062bbe58");
  }

  @Test
  void traitsAreNormalizedCustomNames() {
    assertThat(ResourceRequests.trait("PHYSNET_", "phys-net1")).isEqualTo("CUSTOM_PHYSNET_PHYS_NET1");
    assertThat(ResourceRequests.trait("PHYSNET_", "a..b")).isEqualTo("CUSTOM_PHYSNET_A_B");
    assertThat(ResourceRequests.trait("VNIC_TYPE_", "direct-physical"))
        .isEqualTo("CUSTOM_VNIC_TYPE_DIRECT_PHYSICAL");
  }
}
