package io.neutrino.server.securitygroup;

import static io.neutrino.server.db.Column.Kind.BOOL;
import static io.neutrino.server.db.Column.Kind.INT;
import static io.neutrino.server.db.Column.Kind.STRING;

import io.neutrino.server.db.Column;
import io.neutrino.server.db.StandardColumns;
import io.neutrino.server.db.Table;
import io.neutrino.server.rbac.RbacType;
import java.util.HashSet;

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

  /**
   * Security groups as rbac-policies objects (SecurityGroupRBAC, securitygrouprbacs): the projects
   * whose ports use a group depend on its sharing entries, the owner's included
   * (SecurityGroup.get_bound_project_ids).
   */
  static final RbacType GROUP_RBAC = RbacType.builder("security_group", "securitygrouprbacs",
          "securitygroups")
      .notFound(SgFaults::groupNotFound)
      .boundProjects((h, group) -> new HashSet<>(h.createQuery("SELECT DISTINCT p.project_id FROM "
              + "ports p JOIN securitygroupportbindings b ON b.port_id = p.id WHERE b.security_group_id = ?")
          .bind(0, group.get("id")).mapTo(String.class).list()))
      .build();

  /**
   * Address groups as rbac-policies objects (AddressGroupRBAC, addressgrouprbacs): the projects
   * whose security group rules use a group as their remote depend on its sharing entries
   * (AddressGroup.get_bound_project_ids).
   */
  static final RbacType ADDRESS_GROUP_RBAC = RbacType.builder("address_group", "addressgrouprbacs",
          "address_groups")
      .notFound(AddressGroupResource::notFound)
      .boundProjects((h, group) -> new HashSet<>(h.createQuery("SELECT DISTINCT project_id FROM "
              + "securitygrouprules WHERE remote_address_group_id = ?")
          .bind(0, group.get("id")).mapTo(String.class).list()))
      .build();
}
