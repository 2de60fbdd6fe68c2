package io.neutrino.lib.spi.ml2;

import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Callbacks;
import java.util.List;
import java.util.Map;

/**
 * An ML2 extension driver (neutron_lib/plugins/ml2/api.py ExtensionDriver): adds attributes to
 * networks, subnets and ports, stores them, and shows them. Registered as a
 * {@link io.neutrino.lib.spi.PluginProvider} in the {@code neutron.ml2.extension_drivers}
 * namespace and loaded by the aliases listed in {@code [ml2] extension_drivers}, in that order.
 *
 * <p>The API extensions a driver returns from {@link #extensions()} exist only while it is
 * loaded: they are listed by {@code GET /v2.0/extensions}, and their attributes join the schema,
 * so the API layer converts, validates, applies defaults and policy to them before a hook sees
 * them.
 *
 * <p>{@code process*} hooks run inside the transaction of the change, in the configured driver
 * order, before the core's other subscribers (security groups, mechanism drivers): a throw rolls
 * the change back and is what the client gets. {@code request} is the validated request body
 * (with the schema's defaults on create); {@code result} is the resource as stored so far (on
 * update: after the core's changes, with every driver's attributes as they were), into which the
 * driver puts its attributes. {@code transaction} is the open transaction (a JDBI {@code Handle}
 * in the Neutrino server). Resources created before a driver was enabled have no row of its: its
 * hooks and {@code extend*} must supply its default then, as Neutron's drivers do.
 *
 * <p>{@code extend*} add the driver's attributes to resources about to be shown, many at once so
 * that a list costs one query per driver, not one per resource. Optional methods save a
 * database round trip each per driver where a port is read often: {@link #portSideRead} (a port
 * shown by id, also before every update and delete), {@link #networkPageRead} and
 * {@link #portPageRead} (a page of a list) and {@link #completesCreatedPort} (a port just
 * created). Every hook is a no-op unless overridden; deleting a resource deletes the drivers' rows
 * with it (foreign keys).
 */
public interface ExtensionDriver {

  /** The API extensions this driver implements (Neutron's {@code extension_alias(es)}). */
  List<ExtensionDef> extensions();

  /** Called once every driver is loaded. */
  default void initialize() {}

  default void processCreateNetwork(RequestContext ctx, Object transaction,
      Map<String, Object> request, Map<String, Object> result) {}

  default void processUpdateNetwork(RequestContext ctx, Object transaction,
      Map<String, Object> request, Map<String, Object> result) {}

  default void processCreateSubnet(RequestContext ctx, Object transaction,
      Map<String, Object> request, Map<String, Object> result) {}

  default void processUpdateSubnet(RequestContext ctx, Object transaction,
      Map<String, Object> request, Map<String, Object> result) {}

  default void processCreatePort(RequestContext ctx, Object transaction,
      Map<String, Object> request, Map<String, Object> result) {}

  default void processUpdatePort(RequestContext ctx, Object transaction,
      Map<String, Object> request, Map<String, Object> result) {}

  default void extendNetworkDicts(Object transaction, List<Map<String, Object>> networks) {}

  default void extendSubnetDicts(Object transaction, List<Map<String, Object>> subnets) {}

  default void extendPortDicts(Object transaction, List<Map<String, Object>> ports) {}

  /**
   * The one query {@link #extendPortDicts} makes for a single port, stated rather than run (see
   * {@link Callbacks.SideRead}; its {@code apply} does what extendPortDicts does with the rows):
   * the server sends it together with the port's own read. Null (the default): the port is
   * extended through extendPortDicts, a round trip of its own.
   */
  default Callbacks.SideRead<?> portSideRead(String portId) {
    return null;
  }

  /**
   * What {@link #extendNetworkDicts} does for a page of a list, stated (see
   * {@link Callbacks.PageRead}): its reads travel with the page's others, one round trip for all.
   * The default states none: extendNetworkDicts runs in its turn.
   */
  default Callbacks.PageRead networkPageRead(List<Map<String, Object>> networks) {
    return Callbacks.PageRead.step(transaction -> extendNetworkDicts(transaction, networks));
  }

  /** The same for {@link #extendPortDicts}. */
  default Callbacks.PageRead portPageRead(List<Map<String, Object>> ports) {
    return Callbacks.PageRead.step(transaction -> extendPortDicts(transaction, ports));
  }

  /**
   * True if {@link #processCreatePort} always puts into {@code result} every attribute of this
   * driver's extensions, with the values extendPortDicts would show: a port's create then
   * answers them as they were put, without reading back what was just written, as Neutron's ML2
   * answers a create with the result its drivers filled. False (the default): the new port is
   * extended as any other.
   */
  default boolean completesCreatedPort() {
    return false;
  }

  /**
   * The same for networks: true if {@link #processCreateNetwork} always puts every attribute of
   * this driver's extensions into {@code result}, with the values extendNetworkDicts would show.
   */
  default boolean completesCreatedNetwork() {
    return false;
  }
}
