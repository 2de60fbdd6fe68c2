/**
 * ML2's driver SPI (neutron_lib/plugins/ml2/api.py): type drivers that own a network type's
 * segments, mechanism drivers that follow every network, subnet and port change and bind ports,
 * and the contexts they are handed. Drivers are {@link io.neutrino.lib.spi.PluginProvider}s in the
 * namespaces {@code neutron.ml2.type_drivers} and {@code neutron.ml2.mechanism_drivers}, loaded by
 * the aliases listed in {@code [ml2] type_drivers} and {@code [ml2] mechanism_drivers}.
 */
package io.neutrino.lib.spi.ml2;
