package io.neutrino.agent.linux;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code ipset}: sets of addresses ({@code hash:net}) that iptables rules match with
 * {@code -m set}. Members are replaced atomically: a new set is filled with {@code ipset restore}
 * and swapped in, so a rule never sees a half-filled set (neutron/agent/linux/ipset_manager.py).
 */
public final class Ipset {
  /** Suffix of the temporary set used for swaps; set names stay within 31 - 2 characters. */
  public static final String SWAP_SUFFIX = "-n";
  public static final int MAX_NAME_LEN = 31 - SWAP_SUFFIX.length();
  private final HostExecutor host;

  public Ipset(HostExecutor host) {
    this.host = Objects.requireNonNull(host);
  }

  /** {@code inet} or {@code inet6}. */
  public static String family(boolean ipv6) {
    return ipv6 ? "inet6" : "inet";
  }

  public List<String> listNames() {
    List<String> names = new ArrayList<>();
    for (String line : host.run("ipset", "list", "-n").split("\n")) {
      if (!line.isBlank()) {
        names.add(line.strip());
      }
    }
    return names;
  }

  public Set<String> members(String name) {
    Set<String> members = new LinkedHashSet<>();
    for (String line : host.run("ipset", "save", name).split("\n")) {
      String[] words = line.strip().split("\\s+");
      if (words.length >= 3 && words[0].equals("add")) {
        members.add(words[2]);
      }
    }
    return members;
  }

  /** Makes {@code name} a {@code hash:net} set holding exactly {@code members}. */
  public void replaceMembers(String name, String family, Set<String> members) {
    if (name.length() > MAX_NAME_LEN) {
      throw new IllegalArgumentException("ipset name " + name + " is longer than " + MAX_NAME_LEN);
    }
    boolean exists = listNames().contains(name);
    String target = exists ? name + SWAP_SUFFIX : name;
    StringBuilder in = new StringBuilder();
    in.append("create ").append(target).append(" hash:net family ").append(family).append('\n');
    if (exists) {
      // a leftover temporary set from an interrupted swap is emptied first
      in.append("flush ").append(target).append('\n');
    }
    for (String m : members) {
      in.append("add ").append(target).append(' ').append(m).append('\n');
    }
    host.run(List.of("ipset", "restore", "-exist"), in.toString());
    if (exists) {
      host.run("ipset", "swap", target, name);
      host.run("ipset", "destroy", target);
    }
  }

  /** Destroys the set; one that does not exist is not an error. */
  public void destroy(String name) {
    HostExecutor.Result r = host.tryRun(List.of("ipset", "destroy", name), null);
    if (!r.ok() && !r.stderr().contains("does not exist")) {
      throw new HostCommandException(r);
    }
  }
}
