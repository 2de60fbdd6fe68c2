package io.neutrino.server.securitygroup;

import static io.neutrino.server.db.Column.Kind.BOOL;
import static io.neutrino.server.db.Column.Kind.INT;
import static io.neutrino.server.db.Column.Kind.LONG;
import static io.neutrino.server.db.Column.Kind.STRING;
import static io.neutrino.server.db.Column.Kind.TIMESTAMP;

import io.neutrino.server.db.Column;
import io.neutrino.server.db.Table;
import java.util.List;

/** Where security group attributes live (db/migration/V10__security_groups.sql). */
public final class SecurityGroupTables {
  private SecurityGroupTables() {}

  public static final Table GROUPS = new Table("securitygroups", List.of(
      Column.of("id", STRING),
      Column.of("project_id", STRING),
      Column.of("name", STRING),
      Column.of("description", STRING),
      Column.of("created_at", TIMESTAMP),
      Column.of("updated_at", TIMESTAMP),
      Column.of("revision_number", LONG),
      Column.of("stateful", BOOL)));

  public static final Table RULES = new Table("securitygrouprules", List.of(
      Column.of("id", STRING),
      Column.of("project_id", STRING),
      Column.of("description", STRING),
      Column.of("created_at", TIMESTAMP),
      Column.of("updated_at", TIMESTAMP),
      Column.of("revision_number", LONG),
      Column.of("security_group_id", STRING),
      Column.of("remote_group_id", STRING),
      Column.of("direction", STRING),
      Column.of("ethertype", STRING),
      Column.of("protocol", STRING),
      Column.of("port_range_min", INT),
      Column.of("port_range_max", INT),
      Column.of("remote_ip_prefix", STRING),
      Column.of("normalized_cidr", STRING)));
}
