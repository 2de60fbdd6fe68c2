package io.neutrino.lib.validate;

/**
 * A named check of one attribute value. Like neutron-lib's validators it returns a message
 * describing what is wrong, or {@code null} when the value is valid; it never throws.
 */
@FunctionalInterface
public interface Validator {
  String validate(Object value);

  Validator NONE = value -> null;
}
