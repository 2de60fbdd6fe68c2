package io.neutrino.server.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * keystonemiddleware's in-process token cache: validated tokens keyed by the SHA-256 of the
 * token (never the token itself), kept until {@code min(expires_at, now + token_cache_time)};
 * tokens Keystone called invalid are remembered for a shorter time (a negative cache, which
 * keystonemiddleware does not have, so a flood of bad tokens does not reach Keystone).
 * Bounded: when full, expired entries are dropped, then everything.
 */
final class TokenCache {
  /** An entry: {@code data} null means "invalid". */
  private record Entry(KeystoneClient.TokenData data, Instant until) {}

  static final int MAX_ENTRIES = 10_000;

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Duration cacheTime;
  private final Duration invalidTime;
  private final Clock clock;

  /** @param cacheTime token_cache_time; zero or negative disables the cache */
  TokenCache(Duration cacheTime, Duration invalidTime, Clock clock) {
    this.cacheTime = cacheTime;
    this.invalidTime = invalidTime;
    this.clock = clock;
  }

  boolean enabled() {
    return !cacheTime.isNegative() && !cacheTime.isZero();
  }

  static String key(String token, boolean allowExpired) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      String hex = HexFormat.of().formatHex(md.digest(token.getBytes(StandardCharsets.UTF_8)));
      return allowExpired ? hex + ":allow_expired" : hex;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Outcome of a lookup: {@code null} = not cached; {@link #INVALID}; or the data. */
  static final Object INVALID = new Object();

  Object get(String key) {
    if (!enabled()) {
      return null;
    }
    Entry e = entries.get(key);
    if (e == null) {
      return null;
    }
    if (!clock.instant().isBefore(e.until())) {
      entries.remove(key, e);
      return null;
    }
    return e.data() == null ? INVALID : e.data();
  }

  void putValid(String key, KeystoneClient.TokenData data, boolean allowExpired) {
    if (!enabled()) {
      return;
    }
    Instant now = clock.instant();
    Instant until = now.plus(cacheTime);
    Instant exp = data.identity().expiresAt();
    if (!allowExpired && exp != null && exp.isBefore(until)) {
      until = exp;
    }
    if (until.isAfter(now)) {
      put(key, new Entry(data, until));
    }
  }

  void putInvalid(String key) {
    if (!enabled()) {
      return;
    }
    Duration d = invalidTime.compareTo(cacheTime) < 0 ? invalidTime : cacheTime;
    put(key, new Entry(null, clock.instant().plus(d)));
  }

  private void put(String key, Entry e) {
    if (entries.size() >= MAX_ENTRIES) {
      Instant now = clock.instant();
      for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
        if (!now.isBefore(it.next().until())) {
          it.remove();
        }
      }
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
    }
    entries.put(key, e);
  }

  int size() {
    return entries.size();
  }
}
