package io.neutrino.server.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Minimal HTTP Accept matching in the manner of webob's {@code acceptable_offers}: offers
 * with q &gt; 0 sorted by q (then offer order); an absent header accepts everything.
 */
final class Accept {
  private Accept() {}

  private record Range(String type, String subtype, double q) {}

  /** The best offer, or null when none is acceptable. */
  static String best(String header, List<String> offers) {
    if (header == null) {
      return offers.isEmpty() ? null : offers.get(0);
    }
    List<Range> ranges = new ArrayList<>();
    for (String part : header.split(",")) {
      String[] bits = part.split(";");
      String mt = bits[0].strip().toLowerCase(Locale.ROOT);
      if (mt.isEmpty()) {
        continue;
      }
      double q = 1.0;
      for (int i = 1; i < bits.length; i++) {
        String p = bits[i].strip();
        if (p.toLowerCase(Locale.ROOT).startsWith("q=")) {
          try {
            q = Double.parseDouble(p.substring(2).strip());
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      int slash = mt.indexOf('/');
      if (slash < 0) {
        continue;
      }
      ranges.add(new Range(mt.substring(0, slash), mt.substring(slash + 1), q));
    }
    record Scored(String offer, double q, int idx) {}
    List<Scored> scored = new ArrayList<>();
    for (int i = 0; i < offers.size(); i++) {
      String offer = offers.get(i);
      int slash = offer.indexOf('/');
      String t = offer.substring(0, slash);
      String s = offer.substring(slash + 1);
      // most specific matching range decides the offer's q
      int bestSpec = -1;
      double q = 0;
      for (Range r : ranges) {
        int spec;
        if (r.type.equals(t) && r.subtype.equals(s)) {
          spec = 2;
        } else if (r.type.equals(t) && r.subtype.equals("*")) {
          spec = 1;
        } else if (r.type.equals("*") && r.subtype.equals("*")) {
          spec = 0;
        } else {
          continue;
        }
        if (spec > bestSpec) {
          bestSpec = spec;
          q = r.q;
        }
      }
      if (bestSpec >= 0 && q > 0) {
        scored.add(new Scored(offer, q, i));
      }
    }
    return scored.stream()
        .sorted(Comparator.comparingDouble(Scored::q).reversed().thenComparingInt(Scored::idx))
        .map(Scored::offer)
        .findFirst()
        .orElse(null);
  }
}
