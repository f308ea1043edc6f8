package dev.nestbed.scenario.report;

import dev.nestbed.scenario.record.Metric;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Durations, measured values and counts the way an engineer reads them: "412 ms", "3.25 s", "384
 * MiB", "1 pool".
 */
public final class HumanFormat {
  private HumanFormat() {}

  /** "1 pool", "2 pools": a count with its noun (regular plurals only). */
  public static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /**
   * A duration: milliseconds below one second, seconds (up to 2 decimals) below ten minutes, then
   * minutes.
   */
  static String duration(long ms) {
    if (Math.abs(ms) < 1000) {
      return ms + " ms";
    }
    if (Math.abs(ms) < 600_000) {
      return number(ms / 1000.0, 2) + " s";
    }
    long seconds = Math.round(ms / 1000.0);
    return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, Math.abs(seconds % 60));
  }

  /**
   * A metric as "412 ms" or "2 vCPUs"; the unit "count" is left out since the key names the thing.
   */
  static String metric(Metric metric) {
    if (metric == null) {
      return "";
    }
    String unit = metric.unit() == null ? "" : metric.unit().trim();
    return number(metric.value(), 3) + (unit.isEmpty() || unit.equals("count") ? "" : " " + unit);
  }

  /**
   * A number with at most {@code maxDecimals} decimals and no trailing zeros; never in exponent
   * form below 1e15.
   */
  static String number(double value, int maxDecimals) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "∞" : "-∞";
    }
    if (Math.abs(value) >= 1e15) {
      return String.format(Locale.ROOT, "%.3g", value);
    }
    BigDecimal rounded =
        BigDecimal.valueOf(value).setScale(maxDecimals, RoundingMode.HALF_UP).stripTrailingZeros();
    String text = rounded.toPlainString();
    return text.equals("-0") ? "0" : text;
  }

  /** A share in percent, e.g. "52%", or "<1%" for slivers. */
  static String percent(long part, long whole) {
    if (whole <= 0) {
      return "";
    }
    double p = 100.0 * part / whole;
    return p > 0 && p < 1 ? "<1%" : Math.round(p) + "%";
  }
}
