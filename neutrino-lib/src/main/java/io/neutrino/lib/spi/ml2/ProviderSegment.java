package io.neutrino.lib.spi.ml2;

/**
 * A segment before it is stored: what a client asked for (parts may be null: a partial segment)
 * or what a type driver reserved or allocated. Neutron passes the same as a dict with the keys
 * {@code network_type}, {@code physical_network} and {@code segmentation_id}.
 */
public record ProviderSegment(String networkType, String physicalNetwork, Integer segmentationId) {
  public static final String LOCAL = "local";
  public static final String FLAT = "flat";
  public static final String VLAN = "vlan";
  public static final String VXLAN = "vxlan";
  public static final String GRE = "gre";
  public static final String GENEVE = "geneve";
}
