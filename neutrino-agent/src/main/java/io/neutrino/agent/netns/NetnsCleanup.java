package io.neutrino.agent.netns;

import io.neutrino.agent.linux.HostCommandException;
import io.neutrino.agent.linux.HostExecutor;
import io.neutrino.agent.linux.IpCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code neutrino netns-cleanup} (neutron/cmd/netns_cleanup.py): removes the {@code qdhcp-} and
 * {@code qrouter-} namespaces agents left behind. Without {@code force}, only namespaces with no
 * device but {@code lo} go, with whatever still runs in them (a dnsmasq whose port is gone); with
 * {@code force}, every one of them: its processes killed, its devices deleted (which deletes their
 * tap peers on the host), then the namespace.
 */
public final class NetnsCleanup {
  private static final Logger LOG = LoggerFactory.getLogger(NetnsCleanup.class);
  private static final String UUID = "[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}";

  /** {@code --agent-type}: which agent's namespaces (netns_cleanup.py NS_PREFIXES). */
  public enum AgentType {
    DHCP("qdhcp-"), L3("qrouter-"), ALL(null);

    private final String prefix;

    AgentType(String prefix) {
      this.prefix = prefix;
    }

    boolean matches(String ns) {
      return Pattern.matches(prefix == null ? "(qdhcp-|qrouter-)" + UUID
          : Pattern.quote(prefix) + UUID, ns);
    }
  }

  private final HostExecutor root;
  private final IpCommand rootIp;
  private final Path dhcpConfs;

  /**
   * @param root an executor in the root namespaces (where {@code ip netns} names live)
   * @param statePath {@code [DEFAULT] state_path}: a removed {@code qdhcp-} namespace's dnsmasq
   *     files under {@code dhcp/<network id>} go with it
   */
  public NetnsCleanup(HostExecutor root, Path statePath) {
    this.root = Objects.requireNonNull(root);
    this.rootIp = new IpCommand(root);
    this.dhcpConfs = statePath.resolve("dhcp");
  }

  /** The namespaces of that agent type on this machine. */
  public List<String> candidates(AgentType type) {
    return rootIp.namespaces().stream().filter(type::matches).toList();
  }

  /** Cleans the given namespaces (those not named like an agent's are left alone); returns the
   * ones removed. */
  public List<String> cleanup(Collection<String> namespaces, boolean force) {
    List<String> removed = new ArrayList<>();
    for (String ns : namespaces) {
      if (!AgentType.ALL.matches(ns) || !rootIp.namespaceExists(ns)) {
        continue;
      }
      IpCommand nsIp = new IpCommand(HostExecutor.inNamespace(ns));
      List<String> devices = nsIp.devices();
      if (!force && !devices.isEmpty()) {
        continue;
      }
      try {
        for (long pid : rootIp.namespacePids(ns)) {
          LOG.warn("Killing {} in namespace {}", pid, ns);
          root.tryRun(List.of("kill", "-9", Long.toString(pid)), null);
        }
        for (String device : devices) {
          nsIp.deleteDevice(device);
        }
        rootIp.deleteNamespace(ns);
        if (ns.startsWith("qdhcp-")) {
          removeTree(dhcpConfs.resolve(ns.substring("qdhcp-".length())));
        }
        removed.add(ns);
      } catch (HostCommandException e) {
        LOG.error("Could not clean namespace {}", ns, e);
      }
    }
    return removed;
  }

  private static void removeTree(Path dir) {
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
}
