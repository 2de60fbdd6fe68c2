package io.neutrino.server.core;

import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.InvalidConfiguration;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.ResourceHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * service-providers: what {@code [service_providers] service_provider} configures, each entry
 * {@code <service_type>:<name>:<driver>[:default]} (neutron/services/provider_configuration.py).
 * Read only; filtered in memory (the list is a handful of entries).
 */
public final class ServiceProviderResource implements ResourceHandler {
  /** One configured provider. */
  public record Provider(String serviceType, String name, String driver, boolean isDefault) {}

  private final List<Map<String, Object>> providers;

  public ServiceProviderResource(List<String> entries) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Provider p : parse(entries)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("service_type", p.serviceType());
      m.put("name", p.name());
      m.put("default", p.isDefault());
      out.add(m);
    }
    this.providers = List.copyOf(out);
  }

  /** The {@code service_provider} entries, checked; other plugins (flavors) read them too. */
  public static List<Provider> parse(List<String> entries) {
    List<Provider> out = new ArrayList<>();
    for (String entry : entries) {
      String[] p = entry.trim().split(":");
      if (p.length < 3 || p.length > 4 || (p.length == 4 && !p[3].equals("default"))) {
        throw new InvalidConfiguration("service_providers", "service_provider",
            "'" + entry + "' is not <service_type>:<name>:<driver>[:default]");
      }
      out.add(new Provider(p[0], p[1], p[2], p.length == 4));
    }
    return List.copyOf(out);
  }

  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery q) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> p : providers) {
      boolean match = q.filters().entrySet().stream().allMatch(f -> f.getValue().stream()
          .anyMatch(v -> Objects.equals(String.valueOf(p.get(f.getKey())), String.valueOf(v))));
      if (match) {
        out.add(new LinkedHashMap<>(p));
      }
    }
    return q.limit() == null ? out : out.subList(0, Math.min(out.size(), q.limit()));
  }

  private static NeutronException notSupported() {
    return new NeutronException("HTTPMethodNotAllowed", 405, "Service providers are read only.");
  }

  @Override
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> resource) {
    throw notSupported();
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String id) {
    throw new NeutronException("HTTPNotFound", 404, "The resource could not be found.");
  }

  @Override
  public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    throw notSupported();
  }

  @Override
  public void delete(RequestContext ctx, String id) {
    throw notSupported();
  }
}
