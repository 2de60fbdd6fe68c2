package io.neutrino.lib.validate;

/** Placeholder replaced by the full converter set (branch validate). */
public final class Converters {
  private Converters() {}

  public static Object toBoolean(Object v) {
    if (v instanceof Boolean) return v;
    String s = String.valueOf(v).toLowerCase();
    if (s.equals("true") || s.equals("1")) return true;
    if (s.equals("false") || s.equals("0")) return false;
    throw new Converter.InvalidValue("'" + v + "' cannot be converted to boolean");
  }

  public static Object toInt(Object v) {
    try {
      return v instanceof Integer ? v : Integer.valueOf(String.valueOf(v));
    } catch (NumberFormatException e) {
      throw new Converter.InvalidValue("'" + v + "' is not an integer");
    }
  }

  public static Object noneToEmptyList(Object v) {
    return v == null ? java.util.List.of() : v;
  }

  public static Object toMacLowercase(Object v) {
    return v == null ? null : v.toString().toLowerCase();
  }
}
