package io.neutrino.agent.dhcp;

import io.neutrino.agent.linux.HostExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dnsmasq of one network (neutron/agent/linux/dhcp.py Dnsmasq with external_process
 * ProcessManager): its files under {@code <state_path>/dhcp/<network id>/} ({@code host},
 * {@code addn_hosts}, {@code opts}, {@code leases}, {@code pid}, {@code interface}), its process in
 * {@code qdhcp-<network id>}, started, signalled with SIGHUP to reread its files, and killed.
 */
final class Dnsmasq {
  private static final Logger LOG = LoggerFactory.getLogger(Dnsmasq.class);

  private final DhcpAgentConfig conf;
  private final HostExecutor root;
  private final String networkId;
  private final Path dir;

  Dnsmasq(DhcpAgentConfig conf, HostExecutor root, String networkId) {
    this.conf = Objects.requireNonNull(conf);
    this.root = Objects.requireNonNull(root);
    this.networkId = Objects.requireNonNull(networkId);
    this.dir = conf.dhcpConfs().resolve(networkId);
  }

  Path dir() {
    return dir;
  }

  /** Networks that have a config directory: what an earlier run of the agent served. */
  static List<String> existingNetworks(DhcpAgentConfig conf) {
    Path confs = conf.dhcpConfs();
    if (!Files.isDirectory(confs)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(confs)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.matches("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the files and starts dnsmasq, or sends it SIGHUP when it already runs. */
  void spawnOrReload(DhcpNetwork network, String interfaceName, boolean reload) {
    DnsmasqConfig files = new DnsmasqConfig(conf, network);
    write("interface", interfaceName);
    write("host", files.hostsFile());
    write("addn_hosts", files.addnHostsFile());
    write("opts", files.optsFile());
    OptionalLong pid = activePid();
    if (reload && pid.isPresent()) {
      root.run("kill", "-HUP", Long.toString(pid.getAsLong()));
      return;
    }
    if (pid.isPresent()) {
      return;
    }
    // Only a fresh dnsmasq reads the lease file; a running one keeps it current itself.
    write("leases", files.initialLeases(System.currentTimeMillis() / 1000));
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", network.namespace()));
    cmd.addAll(files.commandLine(dir));
    root.run(cmd, null);
    LOG.info("Started dnsmasq for network {}", networkId);
  }

  /** The pid of this network's running dnsmasq, if any (the pid file's process, if it is ours). */
  OptionalLong activePid() {
    Path pidFile = dir.resolve("pid");
    if (!Files.isRegularFile(pidFile)) {
      return OptionalLong.empty();
    }
    try {
      String text = Files.readString(pidFile).strip();
      if (text.isEmpty()) {
        return OptionalLong.empty();
      }
      long pid = Long.parseLong(text);
      // A recycled pid belongs to another process: the command line must name this network.
      Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
      if (Files.exists(cmdline)
          && new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).contains(networkId)) {
        return OptionalLong.of(pid);
      }
      return OptionalLong.empty();
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  boolean active() {
    return activePid().isPresent();
  }

  /** The device dnsmasq serves on, as the last setup recorded it. */
  Optional<String> interfaceName() {
    try {
      Path f = dir.resolve("interface");
      return Files.isRegularFile(f) ? Optional.of(Files.readString(f).strip())
          .filter(s -> !s.isEmpty()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Kills dnsmasq and waits until it is gone (its sockets must be free before a new start). */
  void kill() {
    OptionalLong pid = activePid();
    if (pid.isEmpty()) {
      return;
    }
    root.tryRun(List.of("kill", "-9", Long.toString(pid.getAsLong())), null);
    long deadline = System.nanoTime() + 10_000_000_000L;
    // activePid() reads the command line, which a zombie no longer has.
    while (activePid().isPresent() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  void removeFiles() {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces a file atomically, as Neutron's file_utils.replace_file, so dnsmasq never reads half. */
  private void write(String kind, String content) {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + kind, ".tmp");
      Files.writeString(tmp, content);
      // dnsmasq drops to an unprivileged user and rereads these files on SIGHUP.
      tmp.toFile().setReadable(true, false);
      try {
        Files.move(tmp, dir.resolve(kind), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, dir.resolve(kind), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(kind), e);
    }
  }
}
