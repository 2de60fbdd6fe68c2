package io.neutrino.server.core;

import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.ml2.ProviderSegment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The multi-provider extension's {@code segments} on network create
 * (neutron_lib/api/validators/multiprovidernet.py, ML2's _process_provider_create): a list of
 * segments each with only {@code provider:network_type}, {@code provider:physical_network} and
 * {@code provider:segmentation_id}, never together with the provider attributes, and no two
 * fully specified segments alike.
 */
final class MultiProvider {
  private static final Set<String> KEYS =
      Set.of("provider:network_type", "provider:physical_network", "provider:segmentation_id");

  private MultiProvider() {}

  /** The segments asked for, empty when none (or an empty list) was given. */
  static List<ProviderSegment> requestedSegments(Map<String, Object> network) {
    Object given = network.get("segments");
    if (given == null) {
      return List.of();
    }
    if (KEYS.stream().anyMatch(network::containsKey)) {
      throw new NeutronException("SegmentsSetInConjunctionWithProviders", 400,
          "Segments and provider values cannot both be set.");
    }
    if (!(given instanceof List<?> list)) {
      throw Faults.invalidInput("'" + given + "' is not a list");
    }
    List<ProviderSegment> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> m)) {
        throw Faults.invalidInput("'" + o + "' is not a dictionary");
      }
      Set<String> unknown = new TreeSet<>();
      m.keySet().forEach(k -> {
        if (!KEYS.contains(String.valueOf(k))) {
          unknown.add(String.valueOf(k));
        }
      });
      if (!unknown.isEmpty()) {
        throw Faults.badRequest("Unrecognized attribute(s) '" + String.join(", ", unknown) + "'");
      }
      Object type = m.get("provider:network_type");
      if (type == null) {
        throw Faults.invalidInput("network_type required");
      }
      Object physnet = m.get("provider:physical_network");
      out.add(new ProviderSegment(type.toString(), physnet == null ? null : physnet.toString(),
          segmentationId(m.get("provider:segmentation_id"))));
    }
    return out;
  }

  private static Integer segmentationId(Object v) {
    if (v == null || "".equals(v)) {
      return null;
    }
    if (v instanceof Number n) {
      return n.intValue();
    }
    try {
      return Integer.valueOf(v.toString().trim());
    } catch (NumberFormatException e) {
      throw Faults.invalidInput("'" + v + "' is not an integer");
    }
  }

  /** Two fully specified segments alike are refused (check_duplicate_segments). */
  static void checkDuplicates(List<ProviderSegment> segments, Predicate<ProviderSegment> partial) {
    Set<ProviderSegment> seen = new HashSet<>();
    for (ProviderSegment s : segments) {
      if (!partial.test(s) && !seen.add(s)) {
        throw new NeutronException("SegmentsContainDuplicateEntry", 400, "Duplicate segment entry in request.");
      }
    }
  }
}
