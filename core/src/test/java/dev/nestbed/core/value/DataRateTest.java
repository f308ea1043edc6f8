package dev.nestbed.core.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataRateTest {

  @ParameterizedTest(name = "{0} is {1}bit/s")
  @CsvSource(
      quoteCharacter = '"',
      delimiter = '|',
      textBlock =
          """
      0B/s        | 0
      1bit/s      | 1
      1kbit/s     | 1000
      500Mbit/s   | 500000000
      1Gbit/s     | 1000000000
      10Gbit/s    | 10000000000
      1Tbit/s     | 1000000000000
      1B/s        | 8
      1KiB/s      | 8192
      8MiB/s      | 67108864
      100MiB/s    | 838860800
      1GiB/s      | 8589934592
      1TiB/s      | 8796093022208
      1kB/s       | 8000
      1MB/s       | 8000000
      1GB/s       | 8000000000
      1TB/s       | 8000000000000
      1.5B/s      | 12
      2.5Gbit/s   | 2500000000
      100 MiB/s   | 838860800
      " 1Gbit/s " | 1000000000
      """)
  void parsesEveryUnitAndDecimals(String text, long bitsPerSecond) {
    assertEquals(bitsPerSecond, DataRate.parse(text).bitsPerSecond());
  }

  @ParameterizedTest(name = "{0}bit/s prints as {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      0             | 0B/s
      1             | 1bit/s
      8             | 1B/s
      12            | 1.5B/s
      7             | 7bit/s
      838860800     | 100MiB/s
      67108864      | 8MiB/s
      10000000000   | 10Gbit/s
      1000000000    | 1Gbit/s
      500000000     | 500Mbit/s
      2500000000    | 2.5Gbit/s
      8589934592    | 1GiB/s
      800000000     | 800Mbit/s
      3000          | 375B/s
      """)
  void printsTheShortestExactForm(long bitsPerSecond, String text) {
    assertEquals(text, DataRate.ofBitsPerSecond(bitsPerSecond).toString());
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 3, 8, 9, 1000, 1001, 8192, 8193, 10_000_000_000L, Long.MAX_VALUE})
  void printedFormParsesBackEqual(long bitsPerSecond) {
    DataRate rate = DataRate.ofBitsPerSecond(bitsPerSecond);
    assertEquals(rate, DataRate.parse(rate.toString()));
  }

  @Test
  void printedFormParsesBackEqualForManyValues() {
    Random random = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      long base =
          random.nextBoolean() ? 1L << random.nextInt(50) : (long) Math.pow(10, random.nextInt(16));
      long bits = base * random.nextInt(4096) + random.nextInt(3);
      DataRate rate = DataRate.ofBitsPerSecond(bits);
      assertEquals(rate, DataRate.parse(rate.toString()), () -> "round trip of " + bits + "bit/s");
    }
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      quoteCharacter = '"',
      delimiter = '|',
      textBlock =
          """
      100MiB      | invalid rate '100MiB': missing '/s' (rates need a unit per second, e.g. 100MiB/s or 10Gbit/s)
      10Gbit      | invalid rate '10Gbit': missing '/s' (rates need a unit per second, e.g. 100MiB/s or 10Gbit/s)
      100         | invalid rate '100': missing unit (rates need a unit per second, e.g. 100MiB/s or 10Gbit/s)
      100Q        | invalid rate '100Q': unknown unit 'Q' (rates need a unit per second, e.g. 100MiB/s or 10Gbit/s)
      100MiB/min  | invalid rate '100MiB/min': unknown unit 'MiB/min' (use B/s, KiB/s, MiB/s, GiB/s, TiB/s, bit/s, kbit/s, Mbit/s, Gbit/s, Tbit/s)
      10Gibit/s   | invalid rate '10Gibit/s': unknown unit 'Gibit/s' (use B/s, KiB/s, MiB/s, GiB/s, TiB/s, bit/s, kbit/s, Mbit/s, Gbit/s, Tbit/s)
      10gbit/s    | invalid rate '10gbit/s': unknown unit 'gbit/s' (did you mean 10Gbit/s?)
      100mib/s    | invalid rate '100mib/s': unknown unit 'mib/s' (did you mean 100MiB/s?)
      10Gb/s      | invalid rate '10Gb/s': unknown unit 'Gb/s' (did you mean 10Gbit/s?)
      10Gbps      | invalid rate '10Gbps': unknown unit 'Gbps' (did you mean 10Gbit/s?)
      10gbps      | invalid rate '10gbps': unknown unit 'gbps' (did you mean 10Gbit/s?)
      100KB/s     | invalid rate '100KB/s': unknown unit 'KB/s' (did you mean 100kB/s?)
      0.1B/s      | invalid rate '0.1B/s': not a whole number of bits per second (round it, or use a smaller unit)
      0.5bit/s    | invalid rate '0.5bit/s': not a whole number of bits per second (round it, or use a smaller unit)
      2000000TiB/s | invalid rate '2000000TiB/s': too large (the largest rate is about 9223372Tbit/s)
      -1MiB/s     | invalid rate '-1MiB/s': negative rates are not allowed (remove the '-')
      1MiB/s2     | invalid rate '1MiB/s2': missing unit (rates need a unit per second, e.g. 100MiB/s or 10Gbit/s)
      ""          | invalid rate '': empty (write a number and a unit, e.g. 100MiB/s or 10Gbit/s)
      """)
  void rejectsWithMessageAndHint(String text, String message) {
    ValueFormatException error =
        assertThrows(ValueFormatException.class, () -> DataRate.parse(text));
    assertEquals(message, error.getMessage());
  }

  @ParameterizedTest(name = "{0} at {1} takes {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      1GiB   | 1GiB/s    | 1s
      0B     | 1GiB/s    | 0s
      0B     | 0B/s      | 0s
      256MiB | 1GiB/s    | 250ms
      1GiB   | 100MiB/s  | 10.24s
      1.25GB | 10Gbit/s  | 1s
      1GiB   | 10Gbit/s  | 858.99346ms
      1B     | 3bit/s    | 2.666666667s
      64MiB  | 8MiB/s    | 8s
      """)
  void timeToTransferRoundsUpToTheNanosecond(String size, String rate, String time) {
    assertEquals(TimeSpan.parse(time), DataRate.parse(rate).timeToTransfer(DataSize.parse(size)));
  }

  @Test
  void timeToTransferFailsAtZeroRateAndOnOverflow() {
    ArithmeticException stalled =
        assertThrows(
            ArithmeticException.class, () -> DataRate.ZERO.timeToTransfer(DataSize.parse("1MiB")));
    assertEquals("cannot transfer 1MiB at 0B/s", stalled.getMessage());
    assertThrows(
        ArithmeticException.class,
        () -> DataRate.ofBitsPerSecond(1).timeToTransfer(DataSize.parse("1TiB")));
  }

  @Test
  void tenGigabitMovesOnePointTwoFiveGigabytesPerSecond() {
    DataRate rate = DataRate.parse("10Gbit/s");
    assertEquals(1.25e9, rate.bytesPerSecond());
    assertEquals(10_000_000_000L, rate.bitsPerSecond());
    assertEquals(0.125, DataRate.parse("1bit/s").bytesPerSecond());
  }

  @Test
  void factoriesAndComparison() {
    assertEquals(DataRate.parse("100MiB/s"), DataRate.ofMiBPerSecond(100));
    assertEquals(DataRate.parse("1B/s"), DataRate.ofBytesPerSecond(1));
    assertEquals(DataRate.parse("8bit/s"), DataRate.parse("1B/s"));
    assertEquals(DataRate.parse("8bit/s").hashCode(), DataRate.parse("1B/s").hashCode());
    assertThrows(IllegalArgumentException.class, () -> DataRate.ofBitsPerSecond(-1));
    assertThrows(ArithmeticException.class, () -> DataRate.ofBytesPerSecond(Long.MAX_VALUE / 4));
    DataRate slow = DataRate.parse("100MiB/s");
    DataRate fast = DataRate.parse("1Gbit/s");
    assertTrue(fast.isGreaterThan(slow));
    assertTrue(slow.isLessThan(fast));
    assertFalse(slow.isGreaterThan(slow));
    assertTrue(slow.compareTo(fast) < 0);
    assertTrue(DataRate.parse("0bit/s").isZero());
  }
}
