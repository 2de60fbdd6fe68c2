package io.neutrino.server.trunk;

import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;

/** neutron/services/trunk/exceptions.py, worded as there. */
final class TrunkFaults {
  private TrunkFaults() {}

  static NeutronException trunkNotFound(String id) {
    return new NeutronException("TrunkNotFound", 404, "Trunk " + id + " could not be found.");
  }

  static NeutronException subPortNotFound(String trunkId, Object portId) {
    return new NeutronException("SubPortNotFound", 404,
        "SubPort " + portId + " on trunk " + trunkId + " could not be found.");
  }

  static NeutronException trunkPortInUse(Object portId) {
    return Faults.conflict("TrunkPortInUse", "Port " + portId + " is in use by another trunk.");
  }

  static NeutronException parentPortInUse(Object portId) {
    return Faults.conflict("ParentPortInUse", "Port " + portId
        + " is currently in use and is not eligible for use as a parent port.");
  }

  static NeutronException duplicateSubPort(Object type, Object id, String trunkId) {
    return Faults.conflict("DuplicateSubPort", "segmentation_type " + type + " and segmentation_id "
        + id + " already in use on trunk " + trunkId + ".");
  }

  static NeutronException mtuTooBig(Object portId, Object portMtu, Object trunkPort, Object trunkMtu) {
    return Faults.conflict("SubPortMtuGreaterThanTrunkPortMtu", "MTU " + portMtu + " of subport "
        + portId + " cannot be greater than MTU " + trunkMtu + " of trunk " + trunkPort + ".");
  }

  static NeutronException inUseAsParent(Object portId, Object trunkId) {
    return Faults.conflict("PortInUseAsTrunkParent", "Port " + portId
        + " is currently a parent port for trunk " + trunkId + ".");
  }

  static NeutronException inUseAsSubPort(Object portId, Object trunkId) {
    return Faults.conflict("PortInUseAsSubPort", "Port " + portId
        + " is currently a subport for trunk " + trunkId + ".");
  }

  static NeutronException trunkInUse(String id) {
    return Faults.conflict("TrunkInUse", "Trunk " + id + " is currently in use.");
  }

  static NeutronException disabled(String id) {
    return Faults.conflict("TrunkDisabled", "Trunk " + id + " is currently disabled.");
  }

  static NeutronException inErrorState(String id) {
    return Faults.conflict("TrunkInErrorState", "Trunk " + id + " is in error state. Attempt to "
        + "resolve the error condition before proceeding.");
  }

  static NeutronException driverConflict() {
    return Faults.conflict("TrunkPluginDriverConflict", "A misconfiguration in the environment "
        + "prevents the operation from completing, please, contact the admin.");
  }

  static NeutronException portInUse(Object portId, Object networkId, Object deviceId) {
    return Faults.conflict("PortInUse", "Unable to complete operation on port " + portId
        + " for network " + networkId + ". Port already has an attached device " + deviceId + ".");
  }
}
