package io.neutrino.lib.spi.ml2;

/** A stored segment of a network (a row of {@code networksegments}), as drivers bind to it. */
public record NetworkSegment(String id, String networkId, String networkType, String physicalNetwork,
    Integer segmentationId) {

  /** The segment as the API and the type drivers know it (no id, no network). */
  public ProviderSegment provider() {
    return new ProviderSegment(networkType, physicalNetwork, segmentationId);
  }
}
