package io.neutrino.agent.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeviceNamesTest {
  @Test
  void tapAndBridgeKeepElevenCharactersOfTheId() {
    assertThat(DeviceNames.tap("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d")).isEqualTo("tapa1b2c3d4-e5");
    assertThat(DeviceNames.bridge("2c1f3b5e-aaaa-4c7b-9d0e-00000000a001"))
        .isEqualTo("brq2c1f3b5e-aa");
    assertThat(DeviceNames.tap("short")).isEqualTo("tapshort");
    assertThat(DeviceNames.bridge("2c1f3b5e-aaaa-4c7b")).hasSize(14);
  }

  @Test
  void vxlanDevicesAreNamedByVniWithinTheVxlanRange() {
    assertThat(DeviceNames.vxlan(1001)).isEqualTo("vxlan-1001");
    assertThat(DeviceNames.vxlan(16777215)).isEqualTo("vxlan-16777215").hasSizeLessThan(16);
    assertThatThrownBy(() -> DeviceNames.vxlan(16777216))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void vlanSubinterfacesAreHashedLikeNeutronWhenTooLong() {
    assertThat(DeviceNames.vlanSubinterface("eth0", 100)).isEqualTo("eth0.100");
    assertThat(DeviceNames.vlanSubinterface("ens1f0np0xy", 1)).isEqualTo("ens1f0np0xy.1");
    // sha1("ens1f0np0xy")[:6] = 01ae.., kept interface prefix "ens1"
    assertThat(DeviceNames.vlanSubinterface("ens1f0np0xy", 4094)).isEqualTo("ens1f001ae.4094");
    assertThat(DeviceNames.vlanSubinterface("enp0s31f6-uplink", 4094))
        .isEqualTo("enp0a234f5.4094").hasSize(15);
    assertThatThrownBy(() -> DeviceNames.vlanSubinterface("eth0", 4095))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyTapNamesAreTaps() {
    assertThat(DeviceNames.isTap("tapa1b2c3d4-e5")).isTrue();
    assertThat(DeviceNames.isTap("brqa1b2c3d4-e5")).isFalse();
  }
}
