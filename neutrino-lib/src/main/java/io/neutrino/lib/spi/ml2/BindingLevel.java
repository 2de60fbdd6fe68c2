package io.neutrino.lib.spi.ml2;

/**
 * One level of a port binding (a row of {@code ml2_port_binding_levels}): which driver bound the
 * port on which segment. Level 0 is the top; the last level is the bottom, the segment the host
 * is plugged into.
 */
public record BindingLevel(int level, String driver, String segmentId) {}
