package dev.nestbed.scenario.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An axis range widened to round numbers, with ticks every 1, 2 or 5 times a power of ten: 0..97
 * becomes 0..100 in steps of 20. Copes with an empty span (one point, a constant series) and with
 * huge values.
 */
final class NiceScale {
  private static final String[] SUFFIXES = {"", "k", "M", "G", "T", "P", "E"};

  private final double min;
  private final double max;
  private final double step;

  private NiceScale(double min, double max, double step) {
    this.min = min;
    this.max = max;
    this.step = step;
  }

  /**
   * A scale covering {@code lo..hi} with about {@code intervals} intervals (at most about twice as
   * many).
   */
  static NiceScale of(double lo, double hi, int intervals) {
    if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
      return of(0, 1, intervals);
    }
    if (lo > hi) {
      return of(hi, lo, intervals);
    }
    if (lo == hi) {
      return lo == 0
          ? of(0, 1, intervals)
          : of(lo - Math.abs(lo) * 0.1, hi + Math.abs(hi) * 0.1, intervals);
    }
    double span = hi - lo;
    if (!Double.isFinite(span)) {
      return new NiceScale(lo, hi, Double.POSITIVE_INFINITY);
    }
    double step = niceStep(span / Math.max(1, intervals));
    double niceMin = round(Math.floor(lo / step) * step, step);
    double niceMax = round(Math.ceil(hi / step) * step, step);
    if (!Double.isFinite(niceMin) || !Double.isFinite(niceMax)) {
      return new NiceScale(
          lo, hi, Double.POSITIVE_INFINITY); // near Double.MAX_VALUE: no room to round
    }
    return new NiceScale(niceMin, niceMax, step);
  }

  /** The smallest of 1, 2, 5 (times a power of ten) that is at least {@code raw}. */
  static double niceStep(double raw) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double fraction = raw / magnitude;
    double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
    return nice * magnitude;
  }

  double min() {
    return min;
  }

  double max() {
    return max;
  }

  double step() {
    return step;
  }

  List<Double> ticks() {
    List<Double> ticks = new ArrayList<>();
    if (!Double.isFinite(step) || (max - min) / step > 1000) {
      ticks.add(min);
      ticks.add(max);
      return ticks;
    }
    long count = Math.round((max - min) / step);
    for (long i = 0; i <= count; i++) {
      ticks.add(round(min + i * step, step));
    }
    return ticks;
  }

  /** Where {@code value} falls, from 0 at {@link #min()} to 1 at {@link #max()}. */
  double fraction(double value) {
    return max == min ? 0 : (value - min) / (max - min);
  }

  /** A tick label: as many decimals as the step needs; k, M, G, ... from a million up. */
  String label(double value) {
    double biggest = Math.max(Math.abs(min), Math.abs(max));
    if (value == 0) {
      return "0";
    }
    if (biggest >= 1e6 && Double.isFinite(step)) {
      int power = Math.min(SUFFIXES.length - 1, (int) Math.floor(Math.log10(biggest) / 3));
      double unit = Math.pow(1000, power);
      if (biggest / unit < 1e6) {
        return HumanFormat.number(value / unit, decimals(step / unit)) + SUFFIXES[power];
      }
    }
    if (biggest >= 1e21 || !Double.isFinite(step)) {
      return String.format(Locale.ROOT, "%.2g", value);
    }
    return HumanFormat.number(value, decimals(step));
  }

  private static int decimals(double step) {
    return Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
  }

  private static double round(double value, double step) {
    if (!Double.isFinite(value)) {
      return value;
    }
    double rounded =
        BigDecimal.valueOf(value).setScale(decimals(step) + 1, RoundingMode.HALF_UP).doubleValue();
    return rounded == 0 ? 0 : rounded; // no "-0"
  }

  @Override
  public String toString() {
    return "NiceScale[" + min + ".." + max + " step " + step + "]";
  }
}
