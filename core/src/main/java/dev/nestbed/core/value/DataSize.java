package dev.nestbed.core.value;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A number of bytes, zero or more, as written in scenarios: {@code 256MiB}, {@code 1.5GiB}, {@code
 * 10GB}.
 *
 * <p>{@link #parse} takes binary units (B, KiB, MiB, GiB, TiB) and decimal ones (kB, MB, GB, TB),
 * case-sensitively. A fraction is fine when the result is whole bytes ({@code 1.5GiB}, not {@code
 * 0.3B}). Bare {@code K}/{@code M}/{@code G}/{@code T} and a missing unit are rejected, because
 * guessing between 1000 and 1024 is how a memory size ends up 5% off.
 *
 * <p>{@link #toString} prints the shortest exact form, which {@link #parse} reads back equal.
 */
public final class DataSize implements Comparable<DataSize> {
  public static final DataSize ZERO = new DataSize(0);

  private static final long KIB = 1L << 10;
  private static final long MIB = 1L << 20;
  private static final long GIB = 1L << 30;
  private static final long TIB = 1L << 40;
  private static final UnitFamily BINARY =
      new UnitFamily(
          new Unit("TiB", TIB),
          new Unit("GiB", GIB),
          new Unit("MiB", MIB),
          new Unit("KiB", KIB),
          new Unit("B", 1));
  // No plain B here: it is binary already, and a decimal "1536B" would beat "1.5KiB" on length.
  private static final UnitFamily DECIMAL =
      new UnitFamily(
          new Unit("TB", 1_000_000_000_000L),
          new Unit("GB", 1_000_000_000L),
          new Unit("MB", 1_000_000L),
          new Unit("kB", 1_000L));
  private static final Map<String, Long> UNITS = UnitFamily.symbols(BINARY, DECIMAL);
  // Shorthands from other tools; suggested, never accepted, since their base is ambiguous.
  private static final Map<String, String> ALIASES =
      Map.of(
          "K", "KiB", "M", "MiB", "G", "GiB", "T", "TiB", "Ki", "KiB", "Mi", "MiB", "Gi", "GiB",
          "Ti", "TiB", "bytes", "B");
  private static final ValueKind KIND =
      new ValueKind("size", "256MiB", "sizes need a unit, e.g. 256MiB", "bytes", "8388607TiB");

  private final long bytes;

  private DataSize(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("a size cannot be negative, got " + bytes + " bytes");
    }
    this.bytes = bytes;
  }

  /** Reads a size such as {@code 256MiB} or {@code 1.5 GiB}. */
  public static DataSize parse(String text) {
    ValueReader reader = new ValueReader(KIND, text);
    ValueReader.Term term = reader.single();
    long factor = reader.factor(term, UNITS, ALIASES, "use B, KiB, MiB, GiB, TiB");
    return new DataSize(reader.whole(term.amount().multiply(BigDecimal.valueOf(factor))));
  }

  public static DataSize ofBytes(long bytes) {
    return new DataSize(bytes);
  }

  public static DataSize ofKiB(long kib) {
    return new DataSize(Math.multiplyExact(kib, KIB));
  }

  public static DataSize ofMiB(long mib) {
    return new DataSize(Math.multiplyExact(mib, MIB));
  }

  public static DataSize ofGiB(long gib) {
    return new DataSize(Math.multiplyExact(gib, GIB));
  }

  public long bytes() {
    return bytes;
  }

  /** Whole KiB, rounded down; libvirt counts memory in KiB, so a remainder is rarely wanted. */
  public long kib() {
    return bytes / KIB;
  }

  /** Whole MiB, rounded down. */
  public long mib() {
    return bytes / MIB;
  }

  public boolean isZero() {
    return bytes == 0;
  }

  /**
   * @throws ArithmeticException if the sum exceeds {@link Long#MAX_VALUE} bytes
   */
  public DataSize plus(DataSize other) {
    return new DataSize(Math.addExact(bytes, other.bytes));
  }

  /**
   * @throws ArithmeticException if {@code other} is larger, since sizes are never negative
   */
  public DataSize minus(DataSize other) {
    if (other.bytes > bytes) {
      throw new ArithmeticException(
          "cannot subtract " + other + " from " + this + ": a size cannot be negative");
    }
    return new DataSize(bytes - other.bytes);
  }

  public boolean isGreaterThan(DataSize other) {
    return bytes > other.bytes;
  }

  public boolean isLessThan(DataSize other) {
    return bytes < other.bytes;
  }

  @Override
  public int compareTo(DataSize other) {
    return Long.compare(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DataSize size && size.bytes == bytes;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(bytes);
  }

  /**
   * The shortest exact form, in the largest unit that keeps at most two decimals: {@code 256MiB},
   * {@code 1.5GiB}, {@code 1152MiB} (not 1.125GiB). Decimal units are used only when strictly
   * shorter, so 10^9 bytes prints as {@code 1GB} rather than {@code 976562.5KiB}; binary units win
   * ties, since memory sizes are binary.
   */
  @Override
  public String toString() {
    return UnitFamily.shortest(bytes, BINARY, DECIMAL);
  }
}
