/**
 * Neutron's policy engine: oslo.policy's rule language and Enforcer plus neutron/policy.py's
 * checks and attribute logic, with Neutron Zed's default rules.
 *
 * <ul>
 *   <li>{@link io.neutrino.server.policy.PolicyParser} compiles the rule language (rule:, role:,
 *       field:, tenant_id: owner checks, generic kind:%(attr)s checks, @, !, and/or/not,
 *       parentheses) into {@link io.neutrino.server.policy.Check} trees once per load.
 *   <li>{@link io.neutrino.server.policy.DefaultPolicies} reads Zed's defaults from {@code
 *       /policy/neutron-zed-defaults.yaml} (generated from neutron/conf/policies on stable/zed)
 *       and combines new and deprecated strings per {@code enforce_new_defaults}.
 *   <li>{@link io.neutrino.server.policy.Enforcer} layers policy_file and policy_dirs over the
 *       defaults, reloads them on change and answers check / enforce / isAdmin /
 *       hiddenAttributes.
 *   <li>{@link io.neutrino.server.policy.AttributeRules} builds the per-attribute match rules
 *       ({@code create_network:shared}, {@code create_port:fixed_ips:ip_address}).
 * </ul>
 *
 * <p>Deviations, all where Neutron would fail with a 500 or crash at start: unknown parent
 * resources, missing foreign keys, failed lookups, rule cycles, remote http checks, malformed
 * field/owner checks and unparsable files make the check (or the file) deny or be ignored, with a
 * log entry, instead of raising.
 */
package io.neutrino.server.policy;
