package io.neutrino.lib.validate;

/**
 * Turns a JSON value into the attribute's canonical form ("convert_to" in neutron-lib), e.g.
 * {@code "true"} to {@code true} or a MAC to lower case. Throws {@link InvalidValue} when the value
 * cannot be converted; the body validator turns it into one 400.
 */
@FunctionalInterface
public interface Converter {
  Object convert(Object value);

  Converter IDENTITY = value -> value;

  /** Raised by a converter; carries only the reason, the caller adds the attribute name. */
  final class InvalidValue extends RuntimeException {
    public InvalidValue(String reason) {
      super(reason, null, false, false);
    }
  }
}
