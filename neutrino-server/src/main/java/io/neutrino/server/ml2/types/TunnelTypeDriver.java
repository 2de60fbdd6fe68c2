package io.neutrino.server.ml2.types;

import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.ml2.IdRange;
import io.neutrino.lib.spi.ml2.ProviderSegment;
import io.neutrino.lib.spi.ml2.SegmentAllocations;
import io.neutrino.lib.spi.ml2.TypeDriver;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code vxlan}, {@code gre} and {@code geneve} (type_tunnel.py): ids from one range list, no
 * physical network, MTU = underlay MTU minus the outer IP header ({@code overlay_ip_version}) and
 * the encapsulation overhead (vxlan 30, gre 22, geneve {@code max_header_size}).
 */
final class TunnelTypeDriver implements TypeDriver {
  private final String type;
  private final int maxId;
  private final SegmentAllocations allocations;
  private final List<IdRange> ranges;
  private final int mtu;

  private TunnelTypeDriver(PluginContext ctx, String type, String section, String key, int maxId, int overhead) {
    this.type = type;
    this.maxId = maxId;
    this.allocations = ctx.service(SegmentAllocations.class);
    this.ranges = List.copyOf(TypeOptions.tunnelRanges(ctx, section, key, maxId));
    int underlay = TypeOptions.underlayMtu(ctx);
    int outerIpHeader = TypeOptions.overlayIpHeader(ctx);
    this.mtu = underlay > 0 ? underlay - outerIpHeader - overhead : 0;
  }

  static TunnelTypeDriver vxlan(PluginContext ctx) {
    // Zed's server registers vxlan_group but only agents use it ([vxlan] vxlan_group there): read
    // here so that a stock ml2_conf.ini setting it is not reported as ignored.
    ctx.option("ml2_type_vxlan", "vxlan_group");
    return new TunnelTypeDriver(ctx, ProviderSegment.VXLAN, "ml2_type_vxlan", "vni_ranges", (1 << 24) - 1, 30);
  }

  static TunnelTypeDriver gre(PluginContext ctx) {
    return new TunnelTypeDriver(ctx, ProviderSegment.GRE, "ml2_type_gre", "tunnel_id_ranges", Integer.MAX_VALUE, 22);
  }

  static TunnelTypeDriver geneve(PluginContext ctx) {
    int header = TypeOptions.integer("ml2_type_geneve", "max_header_size",
        ctx.option("ml2_type_geneve", "max_header_size").orElse("30"));
    return new TunnelTypeDriver(ctx, ProviderSegment.GENEVE, "ml2_type_geneve", "vni_ranges", (1 << 24) - 1, header);
  }

  @Override
  public String networkType() {
    return type;
  }

  @Override
  public void initialize() {
    allocations.sync(type, Map.of("", ranges));
  }

  @Override
  public boolean isPartialSegment(ProviderSegment s) {
    return s.segmentationId() == null;
  }

  @Override
  public void validateProviderSegment(ProviderSegment s) {
    if (s.physicalNetwork() != null) {
      throw Faults.invalidInput("provider:physical_network specified for " + type + " network");
    }
    Integer id = s.segmentationId();
    if (id != null && (id < 1 || id > maxId)) {
      throw Faults.invalidInput("segmentation_id out of range (1 through " + maxId + ")");
    }
  }

  @Override
  public ProviderSegment reserveProviderSegment(Object tx, ProviderSegment s) {
    if (s.segmentationId() == null) {
      return allocations.allocate(tx, type, null).orElseThrow(TypeDrivers::noNetworkAvailable);
    }
    if (!allocations.reserve(tx, s)) {
      throw Faults.conflict("TunnelIdInUse", "Unable to create the network. The tunnel ID "
          + s.segmentationId() + " is in use.");
    }
    return s;
  }

  @Override
  public Optional<ProviderSegment> allocateTenantSegment(Object tx) {
    return allocations.allocate(tx, type, null);
  }

  @Override
  public void releaseSegment(Object tx, ProviderSegment s) {
    boolean inRanges = s.segmentationId() != null && ranges.stream().anyMatch(r -> r.contains(s.segmentationId()));
    allocations.release(tx, s, inRanges);
  }

  @Override
  public int mtu(String physicalNetwork) {
    return mtu;
  }
}
