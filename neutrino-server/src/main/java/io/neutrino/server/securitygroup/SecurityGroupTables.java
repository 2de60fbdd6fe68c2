package io.neutrino.server.securitygroup;

import static io.neutrino.server.db.Column.Kind.BOOL;
import static io.neutrino.server.db.Column.Kind.INT;
import static io.neutrino.server.db.Column.Kind.STRING;

import io.neutrino.server.db.Column;
import io.neutrino.server.db.StandardColumns;
import io.neutrino.server.db.Table;

/** Where security group attributes live (db/migration/V10__security_groups.sql). */
public final class SecurityGroupTables {
  private SecurityGroupTables() {}

  public static final Table GROUPS = new Table("securitygroups", StandardColumns.named(
      Column.of("stateful", BOOL)));

  public static final Table RULES = new Table("securitygrouprules", StandardColumns.unnamed(
      Column.of("security_group_id", STRING),
      Column.of("remote_group_id", STRING),
      Column.of("remote_address_group_id", STRING),
      Column.of("direction", STRING),
      Column.of("ethertype", STRING),
      Column.of("protocol", STRING),
      Column.of("port_range_min", INT),
      Column.of("port_range_max", INT),
      Column.of("remote_ip_prefix", STRING),
      Column.of("normalized_cidr", STRING)));

  /** address-groups; their addresses are rows of address_associations (V71). */
  static final Table ADDRESS_GROUPS = new Table("address_groups", StandardColumns.named());
}
