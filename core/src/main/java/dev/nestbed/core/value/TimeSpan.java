package dev.nestbed.core.value;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A non-negative duration with nanosecond precision, as written in scenarios: {@code 300ms}, {@code
 * 1.5s}, {@code 1m30s}. {@link #toDuration()} hands it to java.time.
 *
 * <p>{@link #parse} takes {@code ns}, {@code us} (or {@code µs}), {@code ms}, {@code s}, {@code m}
 * and {@code h}, case-sensitively, since {@code m} and {@code M} read alike but a month is not a
 * minute. Compound values go from larger units to smaller, each once, and only the last part may
 * have a fraction. Values up to about 292 years fit; longer ones are rejected, not wrapped.
 */
public final class TimeSpan implements Comparable<TimeSpan> {
  public static final TimeSpan ZERO = new TimeSpan(0);

  private static final long US = 1_000L;
  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;
  private static final long M = 60 * S;
  private static final long H = 60 * M;
  private static final Map<String, Long> UNITS =
      UnitFamily.symbols(
          new UnitFamily(
              new Unit("h", H),
              new Unit("m", M),
              new Unit("s", S),
              new Unit("ms", MS),
              new Unit("us", US),
              new Unit("\u00b5s", US),
              new Unit("\u03bcs", US),
              new Unit("ns", 1)));
  private static final Map<String, String> ALIASES =
      Map.of(
          "sec", "s", "seconds", "s", "min", "m", "minutes", "m", "hr", "h", "hours", "h", "msec",
          "ms", "usec", "us");
  private static final ValueKind KIND =
      new ValueKind(
          "duration",
          "300ms or 1m30s",
          "durations need a unit, e.g. 300ms or 5m",
          "nanoseconds",
          "2562047h");

  private final long nanos;

  private TimeSpan(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("a duration cannot be negative, got " + nanos + "ns");
    }
    this.nanos = nanos;
  }

  /** Reads a duration such as {@code 300ms}, {@code 1.5s} or {@code 1h30m}. */
  @SuppressWarnings("ReferenceEquality") // is this term the last one written, not an equal one
  public static TimeSpan parse(String text) {
    ValueReader reader = new ValueReader(KIND, text);
    List<ValueReader.Term> terms = reader.terms();
    BigDecimal total = BigDecimal.ZERO;
    long previous = Long.MAX_VALUE;
    for (ValueReader.Term term : terms) {
      long factor = reader.factor(term, UNITS, ALIASES, "use ns, us, ms, s, m, h");
      if (factor >= previous) {
        throw reader.fail("units out of order", "write larger units first, each once, e.g. 1h30m");
      }
      // 1.5h30m would be legal arithmetic but reads like a typo for 1h30m.
      if (term.hasFraction() && term != terms.get(terms.size() - 1)) {
        throw reader.fail(
            "fraction before the last part",
            "only the last part may have a fraction, e.g. 1m30.5s");
      }
      total = total.add(term.amount().multiply(BigDecimal.valueOf(factor)));
      previous = factor;
    }
    return new TimeSpan(reader.whole(total));
  }

  /**
   * @throws ArithmeticException if longer than about 292 years
   */
  public static TimeSpan of(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a duration cannot be negative, got " + duration);
    }
    return new TimeSpan(duration.toNanos());
  }

  public static TimeSpan ofNanos(long nanos) {
    return new TimeSpan(nanos);
  }

  public static TimeSpan ofMillis(long millis) {
    return new TimeSpan(Math.multiplyExact(millis, MS));
  }

  public static TimeSpan ofSeconds(long seconds) {
    return new TimeSpan(Math.multiplyExact(seconds, S));
  }

  public Duration toDuration() {
    return Duration.ofNanos(nanos);
  }

  public long toNanos() {
    return nanos;
  }

  /** Whole milliseconds, rounded down. */
  public long toMillis() {
    return nanos / MS;
  }

  public boolean isZero() {
    return nanos == 0;
  }

  /**
   * @throws ArithmeticException if the sum is longer than about 292 years
   */
  public TimeSpan plus(TimeSpan other) {
    return new TimeSpan(Math.addExact(nanos, other.nanos));
  }

  /**
   * @throws ArithmeticException if {@code other} is longer, since durations are never negative
   */
  public TimeSpan minus(TimeSpan other) {
    if (other.nanos > nanos) {
      throw new ArithmeticException(
          "cannot subtract " + other + " from " + this + ": a duration cannot be negative");
    }
    return new TimeSpan(nanos - other.nanos);
  }

  public boolean isGreaterThan(TimeSpan other) {
    return nanos > other.nanos;
  }

  public boolean isLessThan(TimeSpan other) {
    return nanos < other.nanos;
  }

  @Override
  public int compareTo(TimeSpan other) {
    return Long.compare(nanos, other.nanos);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TimeSpan span && span.nanos == nanos;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(nanos);
  }

  /**
   * Whole hours and minutes, then the rest in the largest of s, ms, us, ns that it reaches, with
   * the exact fraction: {@code 1h30m}, {@code 1m30.5s}, {@code 300ms}, {@code 1.5ms}, {@code 0s}.
   */
  @Override
  public String toString() {
    if (nanos == 0) {
      return "0s";
    }
    StringBuilder text = new StringBuilder();
    long rest = nanos % M;
    if (nanos >= H) {
      text.append(nanos / H).append('h');
    }
    if (nanos % H >= M) {
      text.append(nanos % H / M).append('m');
    }
    if (rest >= S) {
      text.append(decimal(rest, 9)).append('s');
    } else if (rest >= MS) {
      text.append(decimal(rest, 6)).append("ms");
    } else if (rest >= US) {
      text.append(decimal(rest, 3)).append("us");
    } else if (rest > 0) {
      text.append(rest).append("ns");
    }
    return text.toString();
  }

  private static String decimal(long unscaled, int scale) {
    return BigDecimal.valueOf(unscaled, scale).stripTrailingZeros().toPlainString();
  }
}
