package io.neutrino.agent.l2.firewall;

/** {@code firewall_driver = noop}: security groups are not enforced on this host. */
public final class NoopFirewallDriver implements FirewallDriver {
  @Override
  public void apply(FirewallState state) {}

  @Override
  public void removeAll() {}
}
