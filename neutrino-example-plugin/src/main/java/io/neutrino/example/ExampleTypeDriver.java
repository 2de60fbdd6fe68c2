package io.neutrino.example;

import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import io.neutrino.lib.spi.ml2.IdRange;
import io.neutrino.lib.spi.ml2.ProviderSegment;
import io.neutrino.lib.spi.ml2.SegmentAllocations;
import io.neutrino.lib.spi.ml2.TypeDriver;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A third-party ML2 type driver, built against neutrino-lib only: network type {@code example},
 * ids from {@code [ml2_type_example] id_ranges = <min>:<max>} kept in the server's shared
 * allocation table. Listing {@code example} in {@code [ml2] type_drivers} loads it.
 */
public final class ExampleTypeDriver implements TypeDriver {
  public static final String TYPE = "example";

  private final SegmentAllocations allocations;
  private final IdRange range;

  ExampleTypeDriver(PluginContext ctx) {
    this.allocations = ctx.service(SegmentAllocations.class);
    String[] r = ctx.option("ml2_type_example", "id_ranges").orElse("1:100").split(":");
    this.range = new IdRange(Integer.parseInt(r[0].trim()), Integer.parseInt(r[1].trim()));
  }

  @Override
  public String networkType() {
    return TYPE;
  }

  @Override
  public void initialize() {
    allocations.sync(TYPE, Map.of("", List.of(range)));
  }

  @Override
  public boolean isPartialSegment(ProviderSegment segment) {
    return segment.segmentationId() == null;
  }

  @Override
  public void validateProviderSegment(ProviderSegment s) {
    if (s.physicalNetwork() != null) {
      throw new NeutronException("InvalidInput", 400,
          "Invalid input for operation: provider:physical_network specified for example network.");
    }
  }

  @Override
  public ProviderSegment reserveProviderSegment(Object tx, ProviderSegment s) {
    if (s.segmentationId() == null) {
      return allocateTenantSegment(tx).orElseThrow(() -> new NeutronException("NoNetworkAvailable", 503,
          "Unable to create the network. No tenant network is available for allocation."));
    }
    if (!allocations.reserve(tx, s)) {
      throw new NeutronException("TunnelIdInUse", 409, "Unable to create the network. The tunnel ID "
          + s.segmentationId() + " is in use.");
    }
    return s;
  }

  @Override
  public Optional<ProviderSegment> allocateTenantSegment(Object tx) {
    return allocations.allocate(tx, TYPE, null);
  }

  @Override
  public void releaseSegment(Object tx, ProviderSegment s) {
    allocations.release(tx, s, s.segmentationId() != null && range.contains(s.segmentationId()));
  }

  @Override
  public int mtu(String physicalNetwork) {
    return 1400;
  }

  /** {@code neutron.ml2.type_drivers: example}. */
  public static final class Provider implements PluginProvider {
    @Override
    public String namespace() {
      return Namespace.ML2_TYPE_DRIVERS;
    }

    @Override
    public List<String> aliases() {
      return List.of(TYPE);
    }

    @Override
    public String className() {
      return ExampleTypeDriver.class.getName();
    }

    @Override
    public Object create(PluginContext context) {
      return new ExampleTypeDriver(context);
    }
  }
}
