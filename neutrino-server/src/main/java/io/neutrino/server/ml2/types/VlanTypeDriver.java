package io.neutrino.server.ml2.types;

import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.spi.InvalidConfiguration;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.ml2.IdRange;
import io.neutrino.lib.spi.ml2.ProviderSegment;
import io.neutrino.lib.spi.ml2.SegmentAllocations;
import io.neutrino.lib.spi.ml2.TypeDriver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code vlan}: 802.1Q ids per physical network from {@code [ml2_type_vlan] network_vlan_ranges},
 * as type_vlan.py with neutron-lib's parse_network_vlan_ranges: {@code physnet:min:max} gives
 * project networks the tags of that range, {@code physnet} alone all of them (1–4094, whatever
 * ranges the same physnet also lists). Provider networks may use any tag of a listed physnet.
 */
final class VlanTypeDriver implements TypeDriver {
  private static final String SECTION = "ml2_type_vlan";
  private static final String KEY = "network_vlan_ranges";
  private static final IdRange ALL_TAGS = new IdRange(1, 4094);

  private final PluginContext ctx;
  private final SegmentAllocations allocations;
  private final Map<String, List<IdRange>> ranges;
  private final Map<String, Integer> physnetMtus;

  VlanTypeDriver(PluginContext ctx) {
    this.ctx = ctx;
    this.allocations = ctx.service(SegmentAllocations.class);
    this.physnetMtus = TypeOptions.physnetMtus(ctx);
    Map<String, List<IdRange>> parsed = new LinkedHashMap<>();
    for (String entry : TypeOptions.list(ctx, SECTION, KEY, "")) {
      String[] p = entry.split(":", -1);
      String physnet = p[0].trim();
      if (physnet.isEmpty() || (p.length != 1 && p.length != 3)) {
        throw new InvalidConfiguration(SECTION, KEY,
            "malformed range '" + entry + "' (expected <physical_network>[:<vlan_min>:<vlan_max>])");
      }
      List<IdRange> own = parsed.computeIfAbsent(physnet, k -> new ArrayList<>());
      if (p.length == 1) {
        own.clear();
        own.add(ALL_TAGS);
      } else {
        IdRange r = TypeOptions.range(SECTION, KEY, entry, p[1], p[2], 1, 4094);
        if (!own.contains(ALL_TAGS)) {
          own.add(r);
        }
      }
    }
    parsed.replaceAll((k, v) -> List.copyOf(v));
    this.ranges = Map.copyOf(parsed);
  }

  @Override
  public String networkType() {
    return ProviderSegment.VLAN;
  }

  @Override
  public void initialize() {
    allocations.sync(ProviderSegment.VLAN, ranges);
  }

  @Override
  public boolean isPartialSegment(ProviderSegment s) {
    return s.segmentationId() == null;
  }

  /**
   * type_vlan.py's checks: a physical network must be configured, an id needs one and must be a
   * VLAN tag (1–4094, inside the ranges or not). Neither given is a partial segment: any free id
   * of any range, or 503 when there is none.
   */
  @Override
  public void validateProviderSegment(ProviderSegment s) {
    String physnet = s.physicalNetwork();
    Integer id = s.segmentationId();
    if (physnet != null) {
      if (!ranges.containsKey(physnet)) {
        throw Faults.invalidInput("physical_network '" + physnet + "' unknown for VLAN provider network");
      }
      if (id != null && (id < 1 || id > 4094)) {
        throw Faults.invalidInput("segmentation_id out of range (1 through 4094)");
      }
    } else if (id != null) {
      throw Faults.invalidInput("segmentation_id requires physical_network for VLAN provider network");
    }
  }

  @Override
  public ProviderSegment reserveProviderSegment(Object tx, ProviderSegment s) {
    if (s.segmentationId() == null) {
      return allocations.allocate(tx, ProviderSegment.VLAN, s.physicalNetwork())
          .orElseThrow(TypeDrivers::noNetworkAvailable);
    }
    if (!allocations.reserve(tx, s)) {
      throw Faults.conflict("VlanIdInUse", "Unable to create the network. The VLAN "
          + s.segmentationId() + " on physical network " + s.physicalNetwork() + " is in use.");
    }
    return s;
  }

  @Override
  public Optional<ProviderSegment> allocateTenantSegment(Object tx) {
    return allocations.allocate(tx, ProviderSegment.VLAN, null);
  }

  @Override
  public void releaseSegment(Object tx, ProviderSegment s) {
    boolean inRanges = s.segmentationId() != null && ranges.getOrDefault(s.physicalNetwork(), List.of())
        .stream().anyMatch(r -> r.contains(s.segmentationId()));
    allocations.release(tx, s, inRanges);
  }

  @Override
  public int mtu(String physicalNetwork) {
    return TypeOptions.physnetMtu(ctx, physnetMtus, physicalNetwork);
  }
}
