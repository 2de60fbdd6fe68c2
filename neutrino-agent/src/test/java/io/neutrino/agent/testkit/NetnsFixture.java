package io.neutrino.agent.testkit;

import io.neutrino.agent.linux.BridgeInterfaceDriver;
import io.neutrino.agent.linux.HostExecutor;
import io.neutrino.agent.linux.IpCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Network namespaces for one data-plane test, all named {@code nt-<random>-<role>}: a "host"
 * namespace standing for the agent's machine (where bridges and taps live), bridges standing in
 * for the L2 agent, and "instances" (a namespace with {@code eth0}, its peer a tap in a bridge).
 * {@link #close()} removes every namespace it made or was told about (an agent's {@code qdhcp-}/
 * {@code qrouter-}) with the processes in them, and its temporary directory, even after a failure.
 */
public final class NetnsFixture implements AutoCloseable {
  private final String prefix = "nt-" + UUID.randomUUID().toString().substring(0, 6);
  private final IpCommand rootIp = new IpCommand(HostExecutor.root());
  private final Set<String> namespaces = new LinkedHashSet<>();
  private final Path dir;
  private final String host;

  public NetnsFixture() {
    try {
      // dnsmasq reads its files as an unprivileged user: the state path must be traversable.
      dir = Files.createTempDirectory(prefix,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    host = namespace("host");
  }

  /** The agent's stand-in machine. */
  public String hostNamespace() {
    return host;
  }

  public HostExecutor hostExecutor() {
    return HostExecutor.inNamespace(host);
  }

  public Path tempDir() {
    return dir;
  }

  /** Creates {@code nt-<random>-<role>}. */
  public String namespace(String role) {
    String ns = prefix + "-" + role;
    namespaces.add(ns);
    rootIp.ensureNamespace(ns);
    return ns;
  }

  /** An agent-made namespace to remove at the end if the agent did not. */
  public void track(String namespace) {
    namespaces.add(namespace);
  }

  /** The network's bridge in the host namespace, as the L2 agent would make it. */
  public String bridge(String networkId) {
    String bridge = BridgeInterfaceDriver.bridgeName(networkId);
    IpCommand hostIp = new IpCommand(hostExecutor());
    if (!hostIp.deviceExists(bridge)) {
      hostIp.addBridge(bridge);
      hostIp.setUp(bridge);
    }
    return bridge;
  }

  /** An "instance" on a network: namespace {@code nt-…-<name>} with {@code eth0} of that MAC. */
  public String instance(String name, String networkId, String mac) {
    String ns = namespace(name);
    String tap = "tap" + name + prefix.substring(3);
    tap = tap.substring(0, Math.min(tap.length(), 14));
    HostExecutor hostEx = hostExecutor();
    IpCommand hostIp = new IpCommand(hostEx);
    hostIp.addVeth(tap, "eth0", ns);
    IpCommand nsIp = new IpCommand(HostExecutor.inNamespace(ns));
    nsIp.setAddress("eth0", mac);
    nsIp.setUp("eth0");
    hostIp.setMaster(tap, bridge(networkId));
    hostIp.setUp(tap);
    return ns;
  }

  public String exec(String namespace, String... command) {
    return HostExecutor.inNamespace(namespace).run(command);
  }

  public HostExecutor.Result tryExec(String namespace, String... command) {
    return HostExecutor.inNamespace(namespace).tryRun(List.of(command), null);
  }

  /** The udhcpc script from the test resources, copied out executable. */
  public Path udhcpcScript() {
    Path script = dir.resolve("udhcpc-script.sh");
    if (!Files.exists(script)) {
      try (InputStream in = NetnsFixture.class.getResourceAsStream(
          "/io/neutrino/agent/udhcpc-script.sh")) {
        Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      script.toFile().setExecutable(true);
    }
    return script;
  }

  /** Asks for a lease on the instance's eth0; returns udhcpc's output (the script's LEASE line). */
  public HostExecutor.Result dhcp(String instance) {
    return tryExec(instance, "udhcpc", "-i", "eth0", "-n", "-q", "-t", "5", "-T", "1",
        "-O", "mtu", "-O", "staticroutes", "-s", udhcpcScript().toString());
  }

  public boolean namespaceExists(String ns) {
    return rootIp.namespaceExists(ns);
  }

  public static void waitUntil(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    List<String> order = new ArrayList<>(namespaces);
    // The host namespace last: deleting it takes the bridges and taps with it.
    order.remove(host);
    order.add(host);
    for (String ns : order) {
      if (!rootIp.namespaceExists(ns)) {
        continue;
      }
      for (long pid : rootIp.namespacePids(ns)) {
        HostExecutor.root().tryRun(List.of("kill", "-9", Long.toString(pid)), null);
      }
      HostExecutor.root().tryRun(List.of("ip", "netns", "delete", ns), null);
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
