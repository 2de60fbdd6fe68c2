package io.neutrino.agent.linux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code iptables-save}/{@code iptables-restore} (or the ip6tables pair). An owner (e.g. the L2
 * agent, prefix {@code neutron-linuxbri-}) states the whole content of its chains and the jumps
 * into them from built-in chains; {@link #apply} turns that into one {@code iptables-restore -n}
 * run, so the kernel switches from the old rules to the new ones in one transaction, and chains
 * of other owners are left alone.
 */
public final class Iptables {
  /** Which command family: IPv4 or IPv6. */
  public enum Family {
    IPV4("iptables"), IPV6("ip6tables");

    private final String command;

    Family(String command) {
      this.command = command;
    }
  }

  /** A jump {@code -j target} placed at the top of a built-in chain of the table. */
  public record Jump(String builtinChain, String target) {}

  /**
   * The wanted content of the owner's chains in one table: chain name to rule lines (what
   * follows {@code -A <chain>}), in order; chain names must start with the owner's prefix.
   */
  public record Table(String name, Map<String, List<String>> chains, List<Jump> jumps) {
    public Table {
      chains = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(chains));
      jumps = List.copyOf(jumps);
    }
  }

  private final HostExecutor host;
  private final Family family;

  public Iptables(HostExecutor host, Family family) {
    this.host = Objects.requireNonNull(host);
    this.family = Objects.requireNonNull(family);
  }

  public String save(String table) {
    return host.run(family.command + "-save", "-t", table);
  }

  /** Feeds {@code input} to {@code iptables-restore --noflush}. */
  public void restoreNoflush(String input) {
    host.run(List.of(family.command + "-restore", "-n", "-w", "10"), input);
  }

  /**
   * Makes the owner's chains in each table exactly as given: chains it no longer wants are
   * deleted, jumps into its chains from built-in chains are added or removed, all in one restore.
   */
  public void apply(String prefix, List<Table> tables) {
    StringBuilder input = new StringBuilder();
    for (Table t : tables) {
      input.append(restoreInput(prefix, save(t.name()), t));
    }
    restoreNoflush(input.toString());
  }

  /** Removes every chain of the owner, and the jumps to them, from the given tables. */
  public void removeAll(String prefix, List<String> tableNames) {
    List<Table> empty = new ArrayList<>();
    for (String name : tableNames) {
      empty.add(new Table(name, Map.of(), List.of()));
    }
    apply(prefix, empty);
  }

  /** Chain names of the owner that exist now in {@code table}. */
  public Set<String> ownedChains(String prefix, String table) {
    return ownedChains(prefix, parseChains(save(table)));
  }

  /**
   * The restore text that moves {@code table} from what {@code currentSave} shows to
   * {@code wanted}. Declaring a chain under {@code --noflush} creates it or empties it; that is
   * how every owned chain is rewritten and stale ones are emptied before they are deleted.
   */
  static String restoreInput(String prefix, String currentSave, Table wanted) {
    for (String chain : wanted.chains().keySet()) {
      if (!chain.startsWith(prefix)) {
        throw new IllegalArgumentException("chain " + chain + " does not start with " + prefix);
      }
    }
    List<String> lines = tableLines(currentSave, wanted.name());
    Set<String> owned = ownedChains(prefix, parseChains(String.join("\n", lines)));
    StringBuilder out = new StringBuilder("*" + wanted.name() + "\n");
    for (String chain : wanted.chains().keySet()) {
      out.append(':').append(chain).append(" - [0:0]\n");
    }
    List<String> stale = owned.stream().filter(c -> !wanted.chains().containsKey(c)).toList();
    for (String chain : stale) {
      out.append(':').append(chain).append(" - [0:0]\n");
    }
    Set<Jump> present = new LinkedHashSet<>();
    for (String line : lines) {
      String[] w = line.split(" ");
      if (w.length == 4 && w[0].equals("-A") && !w[1].startsWith(prefix) && w[2].equals("-j")
          && w[3].startsWith(prefix)) {
        Jump j = new Jump(w[1], w[3]);
        if (!wanted.jumps().contains(j) || !present.add(j)) {
          out.append("-D ").append(j.builtinChain()).append(" -j ").append(j.target()).append('\n');
        }
      }
    }
    // inserted bottom-up so the jumps end up at the top in the order given
    List<Jump> missing = new ArrayList<>(wanted.jumps().stream()
        .filter(j -> !present.contains(j)).toList());
    java.util.Collections.reverse(missing);
    for (Jump j : missing) {
      out.append("-I ").append(j.builtinChain()).append(" 1 -j ").append(j.target()).append('\n');
    }
    for (Map.Entry<String, List<String>> chain : wanted.chains().entrySet()) {
      for (String rule : chain.getValue()) {
        out.append("-A ").append(chain.getKey()).append(' ').append(rule).append('\n');
      }
    }
    for (String chain : stale) {
      out.append("-X ").append(chain).append('\n');
    }
    return out.append("COMMIT\n").toString();
  }

  private static List<String> tableLines(String save, String table) {
    List<String> lines = new ArrayList<>();
    boolean in = false;
    for (String line : save.split("\n")) {
      if (line.equals("*" + table)) {
        in = true;
      } else if (in && line.equals("COMMIT")) {
        break;
      } else if (in) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static Set<String> parseChains(String save) {
    Set<String> chains = new LinkedHashSet<>();
    for (String line : save.split("\n")) {
      if (line.startsWith(":")) {
        chains.add(line.substring(1, line.indexOf(' ')));
      }
    }
    return chains;
  }

  private static Set<String> ownedChains(String prefix, Set<String> chains) {
    Set<String> owned = new LinkedHashSet<>();
    for (String c : chains) {
      if (c.startsWith(prefix)) {
        owned.add(c);
      }
    }
    return owned;
  }
}
