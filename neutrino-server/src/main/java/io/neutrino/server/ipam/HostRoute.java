package io.neutrino.server.ipam;

/** One subnet host route as the API carries it: destination CIDR and nexthop address strings. */
public record HostRoute(String destination, String nexthop) {

  /** Python's repr of the route dict, the way Neutron's "Invalid route: %s" message prints it. */
  String pythonRepr() {
    return "{'destination': '" + destination + "', 'nexthop': '" + nexthop + "'}";
  }
}
