package io.neutrino.server.policy;

/**
 * A node of a compiled policy rule, as oslo.policy's check tree: built once by {@link
 * PolicyParser} and evaluated per request without re-parsing. {@link #toString()} gives oslo's
 * rendering ({@code (rule:a and rule:b)}, {@code not role:x}, {@code @}, {@code !}), which is
 * what Neutron's "... is disallowed by policy" message shows.
 */
public abstract class Check {
  Check() {}

  abstract boolean eval(Eval e);

  @Override
  public abstract String toString();
}
