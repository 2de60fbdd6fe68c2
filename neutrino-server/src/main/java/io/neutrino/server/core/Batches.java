package io.neutrino.server.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Splits id lists for {@code IN (…)} queries so no statement grows past what databases accept. */
final class Batches {
  static final int SIZE = 500;

  private Batches() {}

  static List<List<Object>> chunks(List<Object> ids) {
    List<List<Object>> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += SIZE) {
      out.add(ids.subList(i, Math.min(ids.size(), i + SIZE)));
    }
    return out;
  }

  static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }
}
