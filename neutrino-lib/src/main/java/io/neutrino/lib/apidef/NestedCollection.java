package io.neutrino.lib.apidef;

import java.util.Objects;

/**
 * A collection served under one member of another, {@code /{parent}/{id}/{collection}} and
 * {@code /{parent}/{id}/{collection}/{item}}, as Neutron's legacy extension resources with a
 * {@code parent} (ResourceExtension with a parent, e.g. {@code /agents/{id}/dhcp-networks}) are
 * served: index, create and delete only, each guarded by one policy rule checked against an empty
 * target ({@code get_<collection>}, {@code create_<member>}, {@code delete_<member>}), and the
 * index answering items of another collection ({@code itemsOf}, e.g. {@code networks}) under
 * that collection's body key. The routes exist only while {@code extension} is loaded.
 */
public record NestedCollection(String extension, String parent, String collection, String member,
    String itemsOf) {
  public NestedCollection {
    Objects.requireNonNull(extension);
    Objects.requireNonNull(parent);
    Objects.requireNonNull(collection);
    Objects.requireNonNull(member);
    Objects.requireNonNull(itemsOf);
  }
}
