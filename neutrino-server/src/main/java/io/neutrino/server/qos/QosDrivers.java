package io.neutrino.server.qos;

import io.neutrino.lib.apidef.Qos;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The QoS backend drivers of the server (neutron/services/qos/drivers/manager.py). In Neutron a
 * driver registers itself when its ML2 mechanism driver loads (linuxbridge and openvswitch in
 * tree); here the drivers are chosen the same way, from {@code [ml2] mechanism_drivers}, and
 * carry the tables of their Neutron counterparts. They answer which rule types the API offers
 * (the common subset, or the union for {@code all_supported}; none without a driver) and whether
 * a rule may be applied to a port or network (else QosRuleNotSupported / ...ByNetwork, 409).
 */
final class QosDrivers {
  static final Set<String> SKIPPED_VIF_TYPES = Set.of("unbound", "binding_failed");

  /** One parameter's admitted values: a range (type:range) or choices (type:values). */
  record Param(String name, Integer start, Integer end, List<?> choices) {
    static Param range(String name) {
      return new Param(name, 0, Qos.DB_INTEGER_MAX, null);
    }

    static Param choices(String name, List<?> values) {
      return new Param(name, null, null, values);
    }

    boolean admits(Object value) {
      if (choices != null) {
        return choices.contains(value);
      }
      return value instanceof Number n && n.longValue() >= start && n.longValue() <= end;
    }

    Map<String, Object> details() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("parameter_name", name);
      if (choices != null) {
        m.put("parameter_values", choices);
        m.put("parameter_type", "choices");
      } else {
        m.put("parameter_values", Map.of("start", start, "end", end));
        m.put("parameter_type", "range");
      }
      return m;
    }
  }

  /** A driver: which VIF and VNIC types it serves and the rules (with parameters) it supports. */
  record Driver(String name, Set<String> vifTypes, Set<String> vnicTypes,
      Map<String, List<Param>> supportedRules, boolean minBandwidthNeedsPhysnet) {

    boolean supports(String ruleType, Map<String, Object> rule) {
      List<Param> params = supportedRules.get(ruleType);
      if (params == null) {
        return false;
      }
      return params.stream().allMatch(p -> p.admits(rule.get(p.name())));
    }
  }

  private static final Param DIRECTION = Param.choices("direction", Qos.VALID_DIRECTIONS);
  private static final Map<String, List<Param>> BANDWIDTH_AND_DSCP = Map.of(
      "bandwidth_limit", List.of(Param.range("max_kbps"), Param.range("max_burst_kbps"), DIRECTION),
      "dscp_marking", List.of(Param.choices("dscp_mark", Qos.VALID_DSCP_MARKS)));

  /** neutron/services/qos/drivers/linuxbridge/driver.py */
  static final Driver LINUXBRIDGE = new Driver("linuxbridge", Set.of("bridge", "tap"),
      Set.of("normal"), BANDWIDTH_AND_DSCP, false);

  /** neutron/services/qos/drivers/openvswitch/driver.py */
  static final Driver OPENVSWITCH = new Driver("openvswitch", Set.of("ovs", "vhostuser"),
      Set.of("normal", "direct"), ovsRules(), true);

  private static Map<String, List<Param>> ovsRules() {
    Map<String, List<Param>> m = new LinkedHashMap<>(BANDWIDTH_AND_DSCP);
    m.put("packet_rate_limit", List.of(Param.range("max_kpps"), Param.range("max_burst_kpps"),
        DIRECTION));
    m.put("minimum_bandwidth", List.of(Param.range("min_kbps"), DIRECTION));
    m.put("minimum_packet_rate", List.of(Param.range("min_kpps"),
        Param.choices("direction", Qos.VALID_DIRECTIONS_AND_ANY)));
    return m;
  }

  private static final Map<String, Driver> BY_MECHANISM_DRIVER =
      Map.of("linuxbridge", LINUXBRIDGE, "openvswitch", OPENVSWITCH);

  private final List<Driver> drivers;

  QosDrivers(List<Driver> drivers) {
    this.drivers = List.copyOf(drivers);
  }

  /** The drivers of the configured mechanism drivers, in their configured order. */
  static QosDrivers forMechanismDrivers(List<String> mechanismDrivers) {
    List<Driver> out = new ArrayList<>();
    for (String m : mechanismDrivers) {
      Driver d = BY_MECHANISM_DRIVER.get(m.trim());
      if (d != null && !out.contains(d)) {
        out.add(d);
      }
    }
    return new QosDrivers(out);
  }

  /** supported_rule_types: all with all_rules, the union with all_supported, else the common subset. */
  List<String> supportedRuleTypes(boolean allSupported, boolean allRules) {
    List<String> all = Qos.RULE_TYPE_LIST.stream().map(Qos.RuleType::type).toList();
    if (allRules) {
      return all;
    }
    if (drivers.isEmpty()) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (String t : all) {
      boolean any = drivers.stream().anyMatch(d -> d.supportedRules().containsKey(t));
      boolean every = drivers.stream().allMatch(d -> d.supportedRules().containsKey(t));
      if (allSupported ? any : every) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }

  /** supported_rule_type_details: each driver that supports the type, with its parameters. */
  List<Map<String, Object>> ruleTypeDetails(String ruleType) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Driver d : drivers) {
      List<Param> params = d.supportedRules().get(ruleType);
      if (params != null) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("supported_parameters", params.stream().map(Param::details).toList());
        out.add(m);
      }
    }
    return out;
  }

  /**
   * validate_rule_for_port: a driver whose VIF type (bound port) or VNIC type (unbound) matches
   * and that supports the rule; {@code firstPhysnet} answers a network's first segment physnet.
   */
  boolean validForPort(String ruleType, Map<String, Object> rule, Map<String, Object> port,
      Function<String, String> firstPhysnet) {
    for (Driver d : drivers) {
      Object vifType = port.get("binding:vif_type");
      if (vifType != null && !SKIPPED_VIF_TYPES.contains(vifType)) {
        if (!d.vifTypes().contains(vifType)) {
          continue;
        }
      } else if (!d.vnicTypes().contains(Objects.requireNonNullElse(port.get("binding:vnic_type"), "normal"))) {
        continue;
      }
      if (d.supports(ruleType, rule)
          && networkAccepts(d, ruleType, (String) port.get("network_id"), firstPhysnet)) {
        return true;
      }
    }
    return false;
  }

  boolean validForNetwork(String ruleType, Map<String, Object> rule, String networkId,
      Function<String, String> firstPhysnet) {
    return drivers.stream().anyMatch(d -> d.supports(ruleType, rule)
        && networkAccepts(d, ruleType, networkId, firstPhysnet));
  }

  /** The OVS driver's minimum-bandwidth rule needs a network whose first segment has a physnet. */
  private static boolean networkAccepts(Driver d, String ruleType, String networkId,
      Function<String, String> firstPhysnet) {
    return !(d.minBandwidthNeedsPhysnet() && ruleType.equals("minimum_bandwidth")
        && firstPhysnet.apply(networkId) == null);
  }
}
