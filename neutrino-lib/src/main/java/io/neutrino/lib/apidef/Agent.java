package io.neutrino.lib.apidef;

import static io.neutrino.lib.apidef.AttributeSpec.attr;

import io.neutrino.lib.validate.Converters;
import io.neutrino.lib.validate.Validators;
import java.util.List;
import java.util.Map;

/**
 * The agents API (neutron_lib/api/definitions/agent.py) and the attributes availability_zone
 * and agent-resources-synced add to it. Agents are never created through the API: they appear
 * with their first report_state heartbeat.
 */
public final class Agent {
  private Agent() {}

  public static final String COLLECTION = "agents";

  /** Neutron's agent type names (neutron_lib/constants.py), as agents report them. */
  public static final String TYPE_LINUXBRIDGE = "Linux bridge agent";
  public static final String TYPE_OVS = "Open vSwitch agent";
  public static final String TYPE_DHCP = "DHCP agent";
  public static final String TYPE_L3 = "L3 agent";
  public static final String TYPE_METADATA = "Metadata agent";

  public static ResourceDef definition() {
    return ResourceDef.of(COLLECTION, "agent", "Agent", List.of(
        Attrs.id(),
        attr("agent_type").visible().filter().sortKey().build(),
        attr("binary").visible().filter().sortKey().build(),
        attr("topic").visible().filter().sortKey().build(),
        attr("host").visible().filter().sortKey().build(),
        attr("admin_state_up").put().convert(Converters::toBoolean).visible().filter().sortKey()
            .build(),
        attr("created_at").visible().build(),
        attr("started_at").visible().build(),
        attr("heartbeat_timestamp").visible().build(),
        attr("alive").convert(Converters::toBoolean).visible().filter().build(),
        attr("configurations").visible().build(),
        attr("description").put().validate(Validators.named("type:string_or_none", 255))
            .visible().filter().sortKey().build()));
  }

  public static ExtensionDef extension() {
    return new ExtensionDef("agent", "agent", "The agent management extension.",
        "2013-02-03T10:00:00-00:00", List.of(definition()), Map.of(), Map.of(), List.of());
  }

  /** resources_synced on agents (placement reporting; Neutrino has none, so always null). */
  public static ExtensionDef resourcesSynced() {
    return new ExtensionDef("agent-resources-synced", "Agent's Resource View Synced to Placement",
        "Stores success/failure of last sync to Placement", "2018-05-07T10:00:00-00:00", List.of(),
        Map.of(COLLECTION, List.of(attr("resources_synced").visible().build())), Map.of(),
        List.of("agent"));
  }
}
