package io.neutrino.server.ml2.types;

import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.spi.ml2.ProviderSegment;
import io.neutrino.lib.spi.ml2.TypeDriver;
import java.util.Optional;

/** {@code local}: a network confined to one host, no id (neutron/plugins/ml2/drivers/type_local.py). */
final class LocalTypeDriver implements TypeDriver {
  @Override
  public String networkType() {
    return ProviderSegment.LOCAL;
  }

  @Override
  public boolean isPartialSegment(ProviderSegment segment) {
    return false;
  }

  @Override
  public void validateProviderSegment(ProviderSegment s) {
    if (s.physicalNetwork() != null) {
      throw Faults.invalidInput("physical_network prohibited for local provider network");
    }
    if (s.segmentationId() != null) {
      throw Faults.invalidInput("segmentation_id prohibited for local provider network");
    }
  }

  @Override
  public ProviderSegment reserveProviderSegment(Object tx, ProviderSegment s) {
    return s;
  }

  @Override
  public Optional<ProviderSegment> allocateTenantSegment(Object tx) {
    return Optional.of(new ProviderSegment(ProviderSegment.LOCAL, null, null));
  }

  @Override
  public void releaseSegment(Object tx, ProviderSegment s) {}
}
