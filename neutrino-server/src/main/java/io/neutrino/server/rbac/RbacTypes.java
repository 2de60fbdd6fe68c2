package io.neutrino.server.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The object types rbac-policies serves in this server: each plugin registers the types of the
 * objects it owns when it is created (ML2 networks and subnet pools, the QoS plugin its
 * policies …), so a type whose plugin is not loaded is not offered. A server service, as
 * {@code TagService} is.
 */
public final class RbacTypes {
  private final Map<String, RbacType> byName = new ConcurrentHashMap<>();

  public void register(RbacType type) {
    if (byName.putIfAbsent(type.objectType(), type) != null) {
      throw new IllegalStateException("RBAC object type " + type.objectType() + " registered twice");
    }
  }

  public Optional<RbacType> find(String objectType) {
    return objectType == null ? Optional.empty() : Optional.ofNullable(byName.get(objectType));
  }

  public List<RbacType> all() {
    return new ArrayList<>(byName.values());
  }
}
