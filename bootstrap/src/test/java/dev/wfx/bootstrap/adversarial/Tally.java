package dev.wfx.bootstrap.adversarial;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Test fixture: requests tried and statuses seen per attack category, for the closing figures. */
final class Tally {

  private static final Map<String, Tally> CATEGORIES = new ConcurrentHashMap<>();

  private final String category;
  private final Map<Integer, Integer> statuses = new TreeMap<>();
  private int requests;

  private Tally(String category) {
    this.category = category;
  }

  static Tally of(String category) {
    return CATEGORIES.computeIfAbsent(category, Tally::new);
  }

  synchronized void count(int status) {
    requests++;
    statuses.merge(status, 1, Integer::sum);
  }

  /** Requests answered with a server error; the suite expects none. */
  synchronized int serverErrors() {
    return statuses.entrySet().stream()
        .filter(entry -> entry.getKey() >= 500)
        .mapToInt(Map.Entry::getValue)
        .sum();
  }

  /** One line to quote: {@code ADVERSARIAL <category>: N requests, statuses {…}, 5xx=0}. */
  synchronized String summary() {
    return "ADVERSARIAL "
        + category
        + ": "
        + requests
        + " requests, statuses "
        + statuses
        + ", 5xx="
        + serverErrors();
  }
}
