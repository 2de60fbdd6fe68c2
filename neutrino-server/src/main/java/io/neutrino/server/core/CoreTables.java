package io.neutrino.server.core;

import static io.neutrino.server.db.Column.Kind.BOOL;
import static io.neutrino.server.db.Column.Kind.INT;
import static io.neutrino.server.db.Column.Kind.JSON;
import static io.neutrino.server.db.Column.Kind.STRING;

import io.neutrino.server.db.Column;
import io.neutrino.server.db.StandardColumns;
import io.neutrino.server.db.Table;

/** Where each core attribute is stored (see db/migration/V1__core_resources.sql). */
public final class CoreTables {
  private CoreTables() {}


  public static final Table NETWORKS = new Table("networks", StandardColumns.named(
      Column.of("admin_state_up", BOOL),
      Column.of("status", STRING),
      Column.of("shared", BOOL),
      Column.of("router:external", "router_external", BOOL),
      Column.of("mtu", INT),
      Column.of("availability_zone_hints", JSON)));

  public static final Table SUBNETS = new Table("subnets", StandardColumns.named(
      Column.of("network_id", STRING),
      Column.of("ip_version", INT),
      Column.of("cidr", STRING),
      Column.of("gateway_ip", STRING),
      Column.of("enable_dhcp", BOOL),
      Column.of("ipv6_ra_mode", STRING),
      Column.of("ipv6_address_mode", STRING),
      Column.of("subnetpool_id", STRING),
      Column.of("segment_id", STRING),
      Column.of("allocation_pools", JSON),
      Column.of("dns_nameservers", JSON),
      Column.of("host_routes", JSON),
      Column.of("service_types", JSON),
      Column.of("dns_publish_fixed_ip", BOOL)));

  public static final Table SUBNETPOOLS = new Table("subnetpools", StandardColumns.named(
      Column.of("ip_version", INT),
      Column.of("prefixes", JSON),
      Column.of("default_prefixlen", INT),
      Column.of("min_prefixlen", INT),
      Column.of("max_prefixlen", INT),
      Column.of("default_quota", INT),
      Column.of("shared", BOOL),
      Column.of("is_default", BOOL),
      Column.of("address_scope_id", STRING)));

  public static final Table PORTS = new Table("ports", StandardColumns.named(
      Column.of("network_id", STRING),
      Column.of("mac_address", STRING),
      Column.of("admin_state_up", BOOL),
      Column.of("status", STRING),
      Column.of("device_id", STRING),
      Column.of("device_owner", STRING),
      Column.of("fixed_ips", JSON),
      Column.of("allowed_address_pairs", JSON),
      Column.of("extra_dhcp_opts", JSON)));
}
