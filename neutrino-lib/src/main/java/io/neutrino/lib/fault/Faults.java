package io.neutrino.lib.fault;

/**
 * Factories for the faults Neutron raises, named and worded as neutron-lib names and words them,
 * with the HTTP status Neutron's fault map gives each family (NotFound 404, Conflict/InUse 409,
 * BadRequest/InvalidInput 400, NotAuthorized 403, ServiceUnavailable 503).
 */
public final class Faults {
  private Faults() {}

  public static NeutronException notFound(String resourceLabel, String id) {
    StringBuilder type = new StringBuilder();
    for (String word : resourceLabel.split(" ")) {
      type.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    type.append("NotFound");
    return new NeutronException(type.toString(), 404, resourceLabel + " " + id + " could not be found.");
  }

  /** A 404 whose type and message are not the plain "Label id could not be found." form. */
  public static NeutronException notFoundWith(String type, String message) {
    return new NeutronException(type, 404, message);
  }

  /** A request the API layer rejects before any plugin sees it (webob's HTTPBadRequest). */
  public static NeutronException badRequest(String message) {
    return new NeutronException("HTTPBadRequest", 400, message);
  }

  public static NeutronException invalidInput(String detail) {
    return new NeutronException("InvalidInput", 400, "Invalid input for operation: " + detail + ".");
  }

  public static NeutronException badRequestFor(String resource, String msg) {
    return new NeutronException("BadRequest", 400, "Bad " + resource + " request: " + msg + ".");
  }

  public static NeutronException conflict(String type, String message) {
    return new NeutronException(type, 409, message);
  }

  /**
   * 405: a collection or member without that operation (Neutron's controllers abort with 405 when
   * the plugin has no create/update/delete method for it).
   */
  public static NeutronException methodNotAllowed() {
    return new NeutronException("HTTPMethodNotAllowed", 405, "The server could not comply with the "
        + "request since it is either malformed or otherwise incorrect.");
  }

  public static NeutronException forbidden(String message) {
    return new NeutronException("PolicyNotAuthorized", 403, message);
  }

  public static NeutronException preconditionFailed(String message) {
    return new NeutronException("RevisionNumberConstraintFailed", 412, message);
  }

  public static NeutronException unavailable(String type, String message) {
    return new NeutronException(type, 503, message);
  }
}
