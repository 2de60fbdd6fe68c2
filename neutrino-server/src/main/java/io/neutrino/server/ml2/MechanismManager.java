package io.neutrino.server.ml2;

import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.ml2.BindingLevel;
import io.neutrino.lib.spi.ml2.MechanismDriver;
import io.neutrino.lib.spi.ml2.NetworkSegment;
import io.neutrino.lib.spi.ml2.PortBindings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ML2's MechanismManager (neutron/plugins/ml2/managers.py): the drivers of
 * {@code [ml2] mechanism_drivers} in that order, called on every change, and the port binding
 * walk over them, level by level.
 */
public final class MechanismManager {
  private static final Logger LOG = LoggerFactory.getLogger(MechanismManager.class);

  /** A loaded driver and the name it was configured by. */
  public record Named(String name, MechanismDriver driver) {}

  private final List<Named> drivers;

  public MechanismManager(List<Named> drivers) {
    this.drivers = List.copyOf(drivers);
  }

  public boolean isEmpty() {
    return drivers.isEmpty();
  }

  /** What every driver says follows a segmentation id change (see MechanismDriver), in driver order. */
  Set<String> vifTypesFollowingSegmentationIdUpdates() {
    Set<String> all = new LinkedHashSet<>();
    drivers.forEach(d -> all.addAll(d.driver().vifTypesFollowingSegmentationIdUpdates()));
    return all;
  }

  void initialize() {
    for (Named d : drivers) {
      LOG.info("Initializing mechanism driver '{}'", d.name());
      d.driver().initialize();
    }
  }

  /**
   * A precommit hook on every driver in order; the first failure stops the walk and is thrown as
   * the client's error (a NeutronException as it is, anything else as MechanismDriverError).
   */
  void precommit(String method, Consumer<MechanismDriver> call) {
    for (Named d : drivers) {
      try {
        call.accept(d.driver());
      } catch (RuntimeException e) {
        LOG.error("Mechanism driver '{}' failed in {}", d.name(), method, e);
        throw failure(method, List.of(e));
      }
    }
  }

  /**
   * A postcommit hook on every driver in order, all of them called even when one fails; the
   * failures are then thrown together (Neutron's MechanismDriverError, unwrapped as its API does).
   */
  void postcommit(String method, Consumer<MechanismDriver> call) {
    List<RuntimeException> errors = new ArrayList<>();
    for (Named d : drivers) {
      try {
        call.accept(d.driver());
      } catch (RuntimeException e) {
        LOG.error("Mechanism driver '{}' failed in {}", d.name(), method, e);
        errors.add(e);
      }
    }
    if (!errors.isEmpty()) {
      throw failure(method, errors);
    }
  }

  /**
   * What the API shows for driver failures (api_common.convert_exception_to_http_exc on a
   * MultipleExceptions): one status for all → the first's type with the messages joined; mixed
   * statuses → a 409 listing each. A failure that is not a NeutronException is a 500.
   */
  static NeutronException failure(String method, List<RuntimeException> errors) {
    List<NeutronException> converted = new ArrayList<>();
    for (RuntimeException e : errors) {
      converted.add(e instanceof NeutronException n ? n
          : new NeutronException("MechanismDriverError", 500, method + " failed."));
    }
    Set<Integer> statuses = converted.stream().map(NeutronException::status).collect(Collectors.toSet());
    NeutronException first = converted.get(0);
    if (converted.size() == 1) {
      return first;
    }
    if (statuses.size() == 1) {
      return new NeutronException(first.type(), first.status(),
          converted.stream().map(Throwable::getMessage).collect(Collectors.joining("\n")));
    }
    return new NeutronException("Conflict", 409, converted.stream()
        .map(n -> "HTTP " + n.status() + " " + n.type() + ": " + n.getMessage())
        .collect(Collectors.joining("\n")));
  }

  /**
   * Tries to bind the port (bind_port): level 0 over the network's segments; the result is left
   * in the context ({@code binding_failed} when no driver could).
   */
  void bindPort(Ml2PortContext context) {
    context.startBinding();
    boolean bound = !context.network().networkSegments().isEmpty()
        && bindLevel(context, 0, context.network().networkSegments());
    context.endBinding(bound);
    if (!bound) {
      LOG.error("Failed to bind port {} on host {} for vnic_type {} using segments {}", context.id(),
          context.host(), context.vnicType(), context.network().networkSegments());
    }
  }

  private boolean bindLevel(Ml2PortContext context, int level, List<NetworkSegment> segments) {
    if (level == PortBindings.MAX_BINDING_LEVELS) {
      LOG.error("Exceeded maximum binding levels attempting to bind port {} on host {}",
          context.id(), context.host());
      return false;
    }
    for (Named d : connectable(context)) {
      if (alreadyBound(d.name(), segments, context.bindingLevels())) {
        continue; // a driver does not bind the same segment twice in one hierarchy
      }
      try {
        context.prepareToBind(segments);
        d.driver().bindPort(context);
        String segment = context.newBoundSegment();
        if (segment == null) {
          continue;
        }
        context.pushLevel(new BindingLevel(level, d.name(), segment));
        List<NetworkSegment> next = context.nextSegmentsToBind();
        if (next == null) {
          LOG.debug("Bound port {} on host {}: vif_type {}, levels {}", context.id(), context.host(),
              context.vifType(), context.bindingLevels());
          return true;
        }
        if (bindLevel(context, level + 1, next)) {
          return true;
        }
        LOG.warn("Failed to bind port {} on host {} at level {}", context.id(), context.host(), level + 1);
        context.popLevel();
        context.unsetBinding();
      } catch (RuntimeException e) {
        LOG.error("Mechanism driver {} failed in bind_port", d.name(), e);
      }
    }
    return false;
  }

  /** A port without an address can only be bound by drivers giving L2 connectivity. */
  private List<Named> connectable(Ml2PortContext context) {
    Object ips = context.current().get("fixed_ips");
    if (ips instanceof List<?> l && !l.isEmpty()) {
      return drivers;
    }
    return drivers.stream()
        .filter(d -> PortBindings.CONNECTIVITY_L2.equals(d.driver().connectivity())).toList();
  }

  private static boolean alreadyBound(String driver, List<NetworkSegment> segments, List<BindingLevel> levels) {
    for (BindingLevel l : levels) {
      if (l.driver().equals(driver) && segments.stream().anyMatch(s -> s.id().equals(l.segmentId()))) {
        return true;
      }
    }
    return false;
  }
}
