package io.neutrino.server.ml2;

import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.spi.InvalidConfiguration;
import io.neutrino.lib.spi.ml2.ProviderSegment;
import io.neutrino.lib.spi.ml2.TypeDriver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ML2's TypeManager (neutron/plugins/ml2/managers.py): the type drivers named in
 * {@code [ml2] type_drivers}, by the network type each owns. It checks {@code tenant_network_types}
 * and {@code external_network_type} against them at start-up, hands project networks a segment
 * from the first tenant type that has one, validates and reserves provider segments through their
 * type's driver, and computes the MTU segments allow.
 */
public final class TypeManager {
  private static final Logger LOG = LoggerFactory.getLogger(TypeManager.class);

  private final Ml2Config config;
  private final Map<String, TypeDriver> drivers;

  public TypeManager(Ml2Config config, List<TypeDriver> loaded) {
    this.config = config;
    Map<String, TypeDriver> byType = new LinkedHashMap<>();
    for (TypeDriver d : loaded) {
      if (byType.putIfAbsent(d.networkType(), d) != null) {
        throw new InvalidConfiguration("ml2", "type_drivers",
            "two type drivers for network type '" + d.networkType() + "'");
      }
    }
    this.drivers = Map.copyOf(byType);
    for (String t : config.tenantNetworkTypes()) {
      if (!drivers.containsKey(t)) {
        throw new InvalidConfiguration("ml2", "tenant_network_types",
            "No type driver for tenant network_type: " + t + ". Service terminated!");
      }
    }
    String external = config.externalNetworkType();
    if (external != null && !drivers.containsKey(external)) {
      throw new InvalidConfiguration("ml2", "external_network_type",
          "No type driver for external network_type: " + external + ". Service terminated!");
    }
  }

  public Ml2Config config() {
    return config;
  }

  /** Runs every driver's initialize (allocation tables synced with the configured ranges). */
  public void initialize() {
    drivers.values().forEach(TypeDriver::initialize);
  }

  private TypeDriver driver(String type) {
    TypeDriver d = drivers.get(type);
    if (d == null) {
      throw Faults.invalidInput("network_type value '" + type + "' not supported");
    }
    return d;
  }

  /** A segment for a project network, from the first tenant type with one free. */
  public ProviderSegment allocateTenantSegment(Object tx) {
    for (String type : config.tenantNetworkTypes()) {
      Optional<ProviderSegment> s = drivers.get(type).allocateTenantSegment(tx);
      if (s.isPresent()) {
        return s.get();
      }
    }
    throw Faults.unavailable("NoNetworkAvailable",
        "Unable to create the network. No tenant network is available for allocation.");
  }

  /**
   * A segment for a {@code router:external} network created without provider attributes, from
   * {@code external_network_type} (_allocate_ext_net_segment): that type's project-network
   * allocation, so a type that gives none (flat) is 503 NoNetworkAvailable.
   */
  public ProviderSegment allocateExternalSegment(Object tx) {
    return drivers.get(config.externalNetworkType()).allocateTenantSegment(tx)
        .orElseThrow(() -> Faults.unavailable("NoNetworkAvailable",
            "Unable to create the network. No tenant network is available for allocation."));
  }

  /** Checks a provider segment against its type's rules (validate_provider_segment). */
  public ProviderSegment validateProvider(ProviderSegment s) {
    driver(s.networkType()).validateProviderSegment(s);
    return s;
  }

  public boolean isPartial(ProviderSegment s) {
    return driver(s.networkType()).isPartialSegment(s);
  }

  /** Reserves a validated provider segment; its driver picks what was left open. */
  public ProviderSegment reserveProvider(Object tx, ProviderSegment s) {
    return driver(s.networkType()).reserveProviderSegment(tx, s);
  }

  /** Gives a segment back to its type (nothing to do when its driver is no longer loaded). */
  public void release(Object tx, ProviderSegment s) {
    TypeDriver d = drivers.get(s.networkType());
    if (d == null) {
      LOG.warn("No type driver for network_type {} any more; segment {} not released", s.networkType(), s);
      return;
    }
    d.releaseSegment(tx, s);
  }

  /**
   * The largest MTU every segment allows (Neutron's _get_network_mtu): the smallest of the MTUs
   * the segments' drivers give, those giving none (0: local, or nothing configured) left out;
   * global_physnet_mtu when no segment gives one.
   */
  public int mtu(List<ProviderSegment> segments) {
    int best = Integer.MAX_VALUE;
    for (ProviderSegment s : segments) {
      TypeDriver d = drivers.get(s.networkType());
      int mtu = d == null ? 0 : d.mtu(s.physicalNetwork());
      if (mtu > 0) {
        best = Math.min(best, mtu);
      }
    }
    return best == Integer.MAX_VALUE ? config.globalPhysnetMtu() : best;
  }

  /** The provider attributes of one segment, as networks show them. */
  public static Map<String, Object> asProvider(ProviderSegment s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("provider:network_type", s.networkType());
    m.put("provider:physical_network", s.physicalNetwork());
    m.put("provider:segmentation_id", s.segmentationId());
    return m;
  }
}
