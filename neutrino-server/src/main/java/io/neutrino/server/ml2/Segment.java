package io.neutrino.server.ml2;

/** A network segment: type, physical network (flat, vlan) and segmentation id (vlan, tunnels). */
public record Segment(String networkType, String physicalNetwork, Integer segmentationId) {
  public static final String LOCAL = "local";
  public static final String FLAT = "flat";
  public static final String VLAN = "vlan";
  public static final String VXLAN = "vxlan";
  public static final String GRE = "gre";
  public static final String GENEVE = "geneve";

  public boolean isTunnel() {
    return networkType.equals(VXLAN) || networkType.equals(GRE) || networkType.equals(GENEVE);
  }
}
