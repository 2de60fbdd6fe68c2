package io.neutrino.server.ml2.types;

import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.ml2.ProviderSegment;
import io.neutrino.lib.spi.ml2.SegmentAllocations;
import io.neutrino.lib.spi.ml2.TypeDriver;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code flat}: one untagged network per physical network ({@code [ml2_type_flat] flat_networks},
 * {@code *} for any), provider-only as in Neutron (type_flat.py). A physical network in use is
 * an allocation row with id 0, so two flat networks on one physnet collide on its primary key.
 */
final class FlatTypeDriver implements TypeDriver {
  private final SegmentAllocations allocations;
  private final List<String> flatNetworks;
  private final PluginContext ctx;
  private final Map<String, Integer> physnetMtus;

  FlatTypeDriver(PluginContext ctx) {
    this.ctx = ctx;
    this.allocations = ctx.service(SegmentAllocations.class);
    this.flatNetworks = TypeOptions.list(ctx, "ml2_type_flat", "flat_networks", "*");
    this.physnetMtus = TypeOptions.physnetMtus(ctx);
  }

  @Override
  public String networkType() {
    return ProviderSegment.FLAT;
  }

  @Override
  public boolean isPartialSegment(ProviderSegment segment) {
    return false;
  }

  /** type_flat.py's checks, in its order and with its messages; an empty flat_networks disables flat. */
  @Override
  public void validateProviderSegment(ProviderSegment s) {
    if (s.physicalNetwork() == null || s.physicalNetwork().isEmpty()) {
      throw Faults.invalidInput("physical_network required for flat provider network");
    }
    if (flatNetworks.isEmpty()) {
      throw Faults.invalidInput("Flat provider networks are disabled");
    }
    if (!flatNetworks.contains("*") && !flatNetworks.contains(s.physicalNetwork())) {
      throw Faults.invalidInput("physical_network '" + s.physicalNetwork() + "' unknown for flat provider network");
    }
    if (s.segmentationId() != null) {
      throw Faults.invalidInput("segmentation_id prohibited for flat provider network");
    }
  }

  @Override
  public ProviderSegment reserveProviderSegment(Object tx, ProviderSegment s) {
    if (!allocations.reserve(tx, new ProviderSegment(ProviderSegment.FLAT, s.physicalNetwork(), 0))) {
      throw Faults.conflict("FlatNetworkInUse", "Unable to create the flat network. Physical network "
          + s.physicalNetwork() + " is in use.");
    }
    return new ProviderSegment(ProviderSegment.FLAT, s.physicalNetwork(), null);
  }

  @Override
  public Optional<ProviderSegment> allocateTenantSegment(Object tx) {
    return Optional.empty(); // flat networks are provider-only
  }

  @Override
  public void releaseSegment(Object tx, ProviderSegment s) {
    allocations.release(tx, new ProviderSegment(ProviderSegment.FLAT, s.physicalNetwork(), 0), false);
  }

  @Override
  public int mtu(String physicalNetwork) {
    return TypeOptions.physnetMtu(ctx, physnetMtus, physicalNetwork);
  }
}
