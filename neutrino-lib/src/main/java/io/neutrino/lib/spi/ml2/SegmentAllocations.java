package io.neutrino.lib.spi.ml2;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's table of segmentation ids (one row per id a type driver may hand out), shared by
 * every type driver that allocates ids from ranges: vlan, vxlan, gre, geneve and third-party
 * types alike. A row's primary key is what keeps two creators, on one server or many, from
 * getting the same id. Obtained with {@code ctx.service(SegmentAllocations.class)}.
 *
 * <p>{@code transaction} is the open transaction a type driver is handed; physical network
 * {@code null} means the type has none.
 */
public interface SegmentAllocations {
  /**
   * Makes the free ids of {@code networkType} equal the given ranges per physical network (use
   * {@code ""} as key for types without one); allocated ids are never dropped. Run at start-up.
   */
  void sync(String networkType, Map<String, List<IdRange>> ranges);

  /** Takes a free id (on {@code physicalNetwork} when not null); empty when none is free. */
  Optional<ProviderSegment> allocate(Object transaction, String networkType, String physicalNetwork);

  /**
   * Takes one given id, whether inside the ranges or not (provider networks may use any valid id);
   * false when it is already taken.
   */
  boolean reserve(Object transaction, ProviderSegment segment);

  /** Gives an id back: free again when inside {@code ranges}, forgotten otherwise. */
  void release(Object transaction, ProviderSegment segment, boolean inRanges);
}
