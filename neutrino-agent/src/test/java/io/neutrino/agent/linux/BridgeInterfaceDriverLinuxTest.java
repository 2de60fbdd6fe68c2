package io.neutrino.agent.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.neutrino.agent.testkit.NetnsFixture;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The DHCP and L3 agents' interface driver while the L2 agent deletes the same network's bridge on
 * its own thread (it does when the network's last tap went away, e.g. a router namespace re-made
 * after its devices were removed). Found by the data-plane benchmark: plugging failed with "Device
 * does not exist" and the router waited for the next resync.
 */
@Tag("linux")
class BridgeInterfaceDriverLinuxTest {
  private static final String NETWORK = "5c1e0f2a-7d3b-4e8a-9f10-2b3c4d5e6f70";
  private static final String PORT = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

  @Test
  void pluggingSurvivesTheBridgeBeingDeletedMeanwhile() throws Exception {
    try (NetnsFixture fx = new NetnsFixture()) {
      String router = fx.namespace("router");
      BridgeInterfaceDriver driver = new BridgeInterfaceDriver(fx.hostExecutor());
      String bridge = BridgeInterfaceDriver.bridgeName(NETWORK);
      String device = BridgeInterfaceDriver.deviceName("qr-", PORT);
      AtomicBoolean racing = new AtomicBoolean(true);
      Thread l2Agent = new Thread(() -> {
        while (racing.get()) {
          fx.hostExecutor().tryRun(List.of("ip", "link", "delete", bridge), null);
        }
      });
      l2Agent.start();
      try {
        for (int i = 0; i < 15; i++) {
          assertThatCode(() -> driver.plug(NETWORK, PORT, device, "fa:16:3e:00:00:01", router, 0))
              .doesNotThrowAnyException();
        }
      } finally {
        racing.set(false);
        l2Agent.join();
      }

      driver.plug(NETWORK, PORT, device, "fa:16:3e:00:00:01", router, 0);
      IpCommand hostIp = new IpCommand(fx.hostExecutor());
      assertThat(hostIp.master(BridgeInterfaceDriver.tapName(PORT))).contains(bridge);
      // The bridge is the L2 agent's kind whichever agent made it first: no STP, no forward delay.
      String details = fx.exec(fx.hostNamespace(), "ip", "-d", "link", "show", "dev", bridge);
      assertThat(details).contains("forward_delay 0 ").contains("stp_state 0 ");
    }
  }
}
