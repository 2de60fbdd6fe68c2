package io.neutrino.agent.netns;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.agent.linux.HostExecutor;
import io.neutrino.agent.linux.IpCommand;
import io.neutrino.agent.netns.NetnsCleanup.AgentType;
import io.neutrino.agent.testkit.NetnsFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * netns-cleanup on real namespaces. It is given only this test's namespaces: other builds on the
 * machine may have agent namespaces of their own at the same time.
 */
@Tag("linux")
class NetnsCleanupLinuxTest {
  @Test
  void removesEmptyNamespacesWithTheirDnsmasqAndEverythingWhenForced() throws Exception {
    String emptyDhcp = "qdhcp-" + UUID.randomUUID();
    String busyDhcp = "qdhcp-" + UUID.randomUUID();
    String busyRouter = "qrouter-" + UUID.randomUUID();
    List<String> ours = List.of(emptyDhcp, busyDhcp, busyRouter);
    try (NetnsFixture fx = new NetnsFixture()) {
      IpCommand rootIp = new IpCommand(HostExecutor.root());
      IpCommand hostIp = new IpCommand(fx.hostExecutor());
      for (String ns : ours) {
        fx.track(ns);
        rootIp.ensureNamespace(ns);
      }
      // A dnsmasq left in a namespace whose port is gone, with its files.
      String netId = emptyDhcp.substring("qdhcp-".length());
      Path confs = fx.tempDir().resolve("dhcp").resolve(netId);
      Files.createDirectories(confs);
      fx.exec(emptyDhcp, "dnsmasq", "--port=0", "--conf-file=/dev/null",
          "--pid-file=" + confs.resolve("pid"));
      long dnsmasq = Long.parseLong(Files.readString(confs.resolve("pid")).strip());
      hostIp.addVeth("tapcleanup1", "ns-cleanup1", busyDhcp);
      hostIp.addVeth("tapcleanup2", "qr-cleanup2", busyRouter);

      NetnsCleanup cleanup = new NetnsCleanup(HostExecutor.root(), fx.tempDir());
      assertThat(cleanup.candidates(AgentType.ALL)).containsAll(ours)
          .noneMatch(ns -> ns.startsWith("nt-"));
      assertThat(cleanup.candidates(AgentType.L3)).contains(busyRouter).doesNotContain(busyDhcp);

      assertThat(cleanup.cleanup(ours, false)).containsExactly(emptyDhcp);
      assertThat(fx.namespaceExists(emptyDhcp)).isFalse();
      assertThat(ProcessHandle.of(dnsmasq).map(ProcessHandle::isAlive).orElse(false)
          && Files.exists(Path.of("/proc", Long.toString(dnsmasq), "cmdline"))
          && !Files.readString(Path.of("/proc", Long.toString(dnsmasq), "cmdline")).isEmpty())
          .isFalse();
      assertThat(confs).doesNotExist();
      assertThat(fx.namespaceExists(busyDhcp)).isTrue();

      assertThat(cleanup.cleanup(ours, true)).containsExactlyInAnyOrder(busyDhcp, busyRouter);
      assertThat(fx.namespaceExists(busyDhcp)).isFalse();
      assertThat(fx.namespaceExists(busyRouter)).isFalse();
      assertThat(hostIp.deviceExists("tapcleanup1")).isFalse();
      assertThat(hostIp.deviceExists("tapcleanup2")).isFalse();
    }
  }
}
