package dev.nestbed.core.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * An amount of data per second, as written in scenarios: {@code 100MiB/s}, {@code 10Gbit/s}.
 *
 * <p>Stored as whole bits per second, which is exact for byte units (8 bits each) and bit units
 * alike, so {@code 1B/s} equals {@code 8bit/s}. {@link #parse} takes byte units (B, KiB, MiB, GiB,
 * TiB, kB, MB, GB, TB) and bit units (bit, kbit, Mbit, Gbit, Tbit), each followed by {@code /s},
 * case-sensitively: {@code Mb/s} and {@code MB/s} differ eightfold, so neither is guessed.
 */
public final class DataRate implements Comparable<DataRate> {
  public static final DataRate ZERO = new DataRate(0);

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final UnitFamily BINARY_BYTES =
      new UnitFamily(
          new Unit("TiB/s", 8L << 40),
          new Unit("GiB/s", 8L << 30),
          new Unit("MiB/s", 8L << 20),
          new Unit("KiB/s", 8L << 10),
          new Unit("B/s", 8));
  private static final UnitFamily DECIMAL_BITS =
      new UnitFamily(
          new Unit("Tbit/s", 1_000_000_000_000L),
          new Unit("Gbit/s", 1_000_000_000L),
          new Unit("Mbit/s", 1_000_000L),
          new Unit("kbit/s", 1_000L),
          new Unit("bit/s", 1));
  private static final UnitFamily DECIMAL_BYTES =
      new UnitFamily(
          new Unit("TB/s", 8_000_000_000_000L),
          new Unit("GB/s", 8_000_000_000L),
          new Unit("MB/s", 8_000_000L),
          new Unit("kB/s", 8_000L),
          new Unit("B/s", 8));
  private static final Map<String, Long> UNITS =
      UnitFamily.symbols(BINARY_BYTES, DECIMAL_BITS, DECIMAL_BYTES);
  // Network notation, where a lowercase b is a bit.
  private static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("bps", "bit/s"),
          Map.entry("kbps", "kbit/s"),
          Map.entry("Mbps", "Mbit/s"),
          Map.entry("Gbps", "Gbit/s"),
          Map.entry("Tbps", "Tbit/s"),
          Map.entry("b/s", "bit/s"),
          Map.entry("kb/s", "kbit/s"),
          Map.entry("Mb/s", "Mbit/s"),
          Map.entry("Gb/s", "Gbit/s"),
          Map.entry("Tb/s", "Tbit/s"));
  private static final String MISSING_UNIT_HINT =
      "rates need a unit per second, e.g. 100MiB/s or 10Gbit/s";
  private static final ValueKind KIND =
      new ValueKind(
          "rate", "100MiB/s or 10Gbit/s", MISSING_UNIT_HINT, "bits per second", "9223372Tbit/s");

  private final long bitsPerSecond;

  private DataRate(long bitsPerSecond) {
    if (bitsPerSecond < 0) {
      throw new IllegalArgumentException(
          "a rate cannot be negative, got " + bitsPerSecond + "bit/s");
    }
    this.bitsPerSecond = bitsPerSecond;
  }

  /** Reads a rate such as {@code 100MiB/s}, {@code 10Gbit/s} or {@code 1.5 GiB/s}. */
  public static DataRate parse(String text) {
    ValueReader reader = new ValueReader(KIND, text);
    ValueReader.Term term = reader.single();
    // "100MiB" is a size where a rate belongs; say what is missing rather than list every unit.
    if (UNITS.containsKey(term.unit() + "/s")) {
      throw reader.fail("missing '/s'", MISSING_UNIT_HINT);
    }
    String unknownHint =
        term.unit().contains("/")
            ? "use B/s, KiB/s, MiB/s, GiB/s, TiB/s, " + "bit/s, kbit/s, Mbit/s, Gbit/s, Tbit/s"
            : MISSING_UNIT_HINT;
    long factor = reader.factor(term, UNITS, ALIASES, unknownHint);
    return new DataRate(reader.whole(term.amount().multiply(BigDecimal.valueOf(factor))));
  }

  public static DataRate ofBitsPerSecond(long bitsPerSecond) {
    return new DataRate(bitsPerSecond);
  }

  /**
   * @throws ArithmeticException beyond about 1EiB/s
   */
  public static DataRate ofBytesPerSecond(long bytesPerSecond) {
    return new DataRate(Math.multiplyExact(bytesPerSecond, 8L));
  }

  public static DataRate ofMiBPerSecond(long mibPerSecond) {
    return new DataRate(Math.multiplyExact(mibPerSecond, 8L << 20));
  }

  public long bitsPerSecond() {
    return bitsPerSecond;
  }

  /** A double because a bit rate need not be whole bytes ({@code 1bit/s} is 0.125B/s). */
  public double bytesPerSecond() {
    return bitsPerSecond / 8.0;
  }

  public boolean isZero() {
    return bitsPerSecond == 0;
  }

  /**
   * How long {@code size} takes at this rate, rounded up to the next nanosecond: a transfer is not
   * done until its last bit has arrived.
   *
   * @throws ArithmeticException if the rate is zero and the size is not, or the time exceeds about
   *     292 years
   */
  public TimeSpan timeToTransfer(DataSize size) {
    if (size.isZero()) {
      return TimeSpan.ZERO;
    }
    if (bitsPerSecond == 0) {
      throw new ArithmeticException("cannot transfer " + size + " at " + this);
    }
    BigInteger bitNanos =
        BigInteger.valueOf(size.bytes()).multiply(BigInteger.valueOf(8 * NANOS_PER_SECOND));
    BigInteger rate = BigInteger.valueOf(bitsPerSecond);
    BigInteger nanos = bitNanos.add(rate).subtract(BigInteger.ONE).divide(rate);
    return TimeSpan.ofNanos(nanos.longValueExact());
  }

  public boolean isGreaterThan(DataRate other) {
    return bitsPerSecond > other.bitsPerSecond;
  }

  public boolean isLessThan(DataRate other) {
    return bitsPerSecond < other.bitsPerSecond;
  }

  @Override
  public int compareTo(DataRate other) {
    return Long.compare(bitsPerSecond, other.bitsPerSecond);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DataRate rate && rate.bitsPerSecond == bitsPerSecond;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(bitsPerSecond);
  }

  /**
   * The shortest exact form in binary byte units or decimal bit units, at most two decimals: {@code
   * 100MiB/s}, {@code 10Gbit/s}, {@code 1B/s} (bytes win ties). A rate given in decimal bytes
   * prints in bits, so {@code 100MB/s} prints as {@code 800Mbit/s}.
   */
  @Override
  public String toString() {
    return UnitFamily.shortest(bitsPerSecond, BINARY_BYTES, DECIMAL_BITS);
  }
}
