package io.neutrino.lib.spi.ml2;

/** An inclusive range of segmentation ids, e.g. {@code [ml2_type_vxlan] vni_ranges = 1:1000}. */
public record IdRange(int min, int max) {
  public IdRange {
    if (min > max) {
      throw new IllegalArgumentException("min " + min + " > max " + max);
    }
  }

  public boolean contains(int id) {
    return id >= min && id <= max;
  }
}
