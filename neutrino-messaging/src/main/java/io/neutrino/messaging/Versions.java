package io.neutrino.messaging;

/** oslo.messaging's {@code version_is_compatible}: "major.minor[.revision]". */
final class Versions {
  private Versions() {
  }

  /** True when an endpoint at {@code implemented} can serve a message at {@code requested}. */
  static boolean compatible(String implemented, String requested) {
    if (implemented == null) {
      return true;
    }
    if (requested == null) {
      return false;
    }
    int[] imp = parse(implemented);
    int[] req = parse(requested);
    if (req[0] != imp[0]) {
      return false;
    }
    if (req[1] != imp[1]) {
      return req[1] < imp[1];
    }
    return req[2] <= imp[2];
  }

  static void check(String version) {
    parse(version);
  }

  private static int[] parse(String version) {
    String[] parts = version.split("\\.");
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException("invalid RPC version '" + version + "' (expected major.minor)");
    }
    try {
      return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
          parts.length == 3 ? Integer.parseInt(parts[2]) : 0};
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid RPC version '" + version + "' (expected major.minor)");
    }
  }
}
