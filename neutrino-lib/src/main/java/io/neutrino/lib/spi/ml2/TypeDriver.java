package io.neutrino.lib.spi.ml2;

import java.util.Optional;

/**
 * Owns one network type (neutron_lib/plugins/ml2/api.py TypeDriver): checks provider segments,
 * reserves them, allocates segments for project networks and releases them. Segment faults are
 * thrown as {@link io.neutrino.lib.fault.NeutronException}s (a 400 InvalidInput for a bad provider
 * segment, a 409 for one in use); they roll back the network being created.
 *
 * <p>{@code transaction} is the open database transaction of the network create or delete; drivers
 * allocating from id ranges pass it to {@link SegmentAllocations}.
 */
public interface TypeDriver {
  /** The {@code provider:network_type} this driver owns, e.g. {@code vxlan}. */
  String networkType();

  /** Called once every driver is loaded and the database is ready (Neutron's initialize). */
  default void initialize() {}

  /** True when the segment leaves something for the driver to pick (e.g. no segmentation id). */
  boolean isPartialSegment(ProviderSegment segment);

  /** Refuses a provider segment this type cannot accept (a 400 naming the problem). */
  void validateProviderSegment(ProviderSegment segment);

  /** Reserves a validated provider segment, completing a partial one. */
  ProviderSegment reserveProviderSegment(Object transaction, ProviderSegment segment);

  /** A segment for a project network, or empty when this type has none left (or never gives one). */
  Optional<ProviderSegment> allocateTenantSegment(Object transaction);

  void releaseSegment(Object transaction, ProviderSegment segment);

  /**
   * The largest MTU a segment of this type on {@code physicalNetwork} allows, 0 for no limit of
   * its own (the global {@code global_physnet_mtu} still applies).
   */
  default int mtu(String physicalNetwork) {
    return 0;
  }
}
