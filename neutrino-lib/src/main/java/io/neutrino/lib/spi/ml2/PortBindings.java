package io.neutrino.lib.spi.ml2;

import java.util.List;

/** neutron_lib/api/definitions/portbindings.py's values, as drivers use them. */
public final class PortBindings {
  private PortBindings() {}

  public static final String VIF_TYPE_UNBOUND = "unbound";
  public static final String VIF_TYPE_BINDING_FAILED = "binding_failed";
  public static final String VIF_TYPE_OVS = "ovs";
  public static final String VIF_TYPE_BRIDGE = "bridge";
  public static final String VIF_TYPE_OTHER = "other";

  public static final String VNIC_NORMAL = "normal";
  public static final String VNIC_DIRECT = "direct";
  public static final String VNIC_MACVTAP = "macvtap";
  public static final String VNIC_BAREMETAL = "baremetal";
  public static final String VNIC_DIRECT_PHYSICAL = "direct-physical";
  public static final String VNIC_VIRTIO_FORWARDER = "virtio-forwarder";
  public static final String VNIC_SMARTNIC = "smart-nic";
  public static final String VNIC_VHOST_VDPA = "vdpa";
  public static final String VNIC_ACCELERATOR_DIRECT = "accelerator-direct";
  public static final String VNIC_ACCELERATOR_DIRECT_PHYSICAL = "accelerator-direct-physical";
  public static final String VNIC_REMOTE_MANAGED = "remote-managed";

  /** vif_details keys. */
  public static final String CAP_PORT_FILTER = "port_filter";
  public static final String VIF_DETAILS_CONNECTIVITY = "connectivity";
  public static final String VIF_DETAILS_BRIDGE_NAME = "bridge_name";
  public static final String OVS_HYBRID_PLUG = "ovs_hybrid_plug";
  public static final String OVS_DATAPATH_TYPE = "datapath_type";

  public static final String CONNECTIVITY_LEGACY = "legacy";
  public static final String CONNECTIVITY_L2 = "l2";
  public static final String CONNECTIVITY_L3 = "l3";

  /** Binding levels a port may have (neutron/plugins/ml2/managers.py MAX_BINDING_LEVELS). */
  public static final int MAX_BINDING_LEVELS = 10;

  /** vif types a port may have while its MAC address is changed. */
  public static final List<String> UNPLUGGED_VIF_TYPES = List.of(VIF_TYPE_UNBOUND, VIF_TYPE_BINDING_FAILED);
}
