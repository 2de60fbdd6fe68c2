package io.neutrino.agent.l2.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ConntrackZonesTest {
  @Test
  void zonesPerNetworkFrom4097KeptAcrossRestartsAndFreed() {
    String raw = """
        *raw
        :neutron-linuxbri-PREROUTING - [0:0]
        -A neutron-linuxbri-PREROUTING -m physdev --physdev-in brq2c1f3b5e-aa -m comment --comment "Set zone for x" -j CT --zone 4100
        -A neutron-linuxbri-PREROUTING -m physdev --physdev-in tapa1b2c3d4-e5 -m comment --comment "Set zone for x" -j CT --zone 4100
        COMMIT
        """;
    ConntrackZones zones = ConntrackZones.fromRawSave(raw);
    assertThat(zones.zoneOf("2c1f3b5e-aaaa-4c7b-9d0e-00000000a001")).isEqualTo(4100);
    assertThat(zones.zoneOf("99990000-0000-4000-8000-000000000000")).isEqualTo(4101);
    zones.retain(Set.of("99990000-0000-4000-8000-000000000000"));
    assertThat(zones.zoneOf("2c1f3b5e-aaaa-4c7b-9d0e-00000000a001")).isEqualTo(4102);
    assertThat(ConntrackZones.fromRawSave("").zoneOf("n")).isEqualTo(4097);
  }
}
