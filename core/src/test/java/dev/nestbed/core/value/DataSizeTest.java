package dev.nestbed.core.value;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataSizeTest {

  @ParameterizedTest(name = "{0} is {1} bytes")
  @CsvSource(
      quoteCharacter = '"',
      delimiter = '|',
      textBlock =
          """
      0B              | 0
      1B              | 1
      1KiB            | 1024
      1MiB            | 1048576
      1GiB            | 1073741824
      1TiB            | 1099511627776
      1kB             | 1000
      1MB             | 1000000
      1GB             | 1000000000
      1TB             | 1000000000000
      256MiB          | 268435456
      1.5GiB          | 1610612736
      0.5KiB          | 512
      1.25kB          | 1250
      2.000MiB        | 2097152
      007MiB          | 7340032
      256 MiB         | 268435456
      " 256MiB "      | 268435456
      "\\t256 MiB\\n" | 268435456
      8388607TiB      | 9223370937343148032
      """)
  void parsesEveryUnitAndDecimals(String text, long bytes) {
    assertEquals(bytes, DataSize.parse(text.translateEscapes()).bytes());
  }

  @ParameterizedTest(name = "{0} bytes print as {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      0                   | 0B
      1                   | 1B
      1023                | 1023B
      1024                | 1KiB
      1536                | 1.5KiB
      268435456           | 256MiB
      1610612736          | 1.5GiB
      1342177280          | 1.25GiB
      1207959552          | 1152MiB
      1073741825          | 1073741825B
      1000000000          | 1GB
      1500000000          | 1.5GB
      1000                | 1kB
      1500                | 1500B
      1099511627776       | 1TiB
      9223372036854775807 | 9223372036854775807B
      """)
  void printsTheShortestExactForm(long bytes, String text) {
    assertEquals(text, DataSize.ofBytes(bytes).toString());
  }

  @ParameterizedTest
  @ValueSource(
      longs = {
        0,
        1,
        7,
        1000,
        1023,
        1025,
        1L << 20,
        (1L << 30) + 1,
        5_368_709_120L,
        999_999_999_999L,
        Long.MAX_VALUE,
        Long.MAX_VALUE - 1,
        1L << 62
      })
  void printedFormParsesBackEqual(long bytes) {
    DataSize size = DataSize.ofBytes(bytes);
    assertEquals(size, DataSize.parse(size.toString()));
  }

  @Test
  void printedFormParsesBackEqualForManyValues() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      // Multiples of powers of two and ten with small offsets hit every unit and decimal case.
      long base =
          random.nextBoolean() ? 1L << random.nextInt(50) : (long) Math.pow(10, random.nextInt(16));
      long bytes = Math.max(0, base * random.nextInt(4096) + random.nextInt(3) - 1);
      DataSize size = DataSize.ofBytes(bytes);
      assertEquals(size, DataSize.parse(size.toString()), () -> "round trip of " + bytes);
    }
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      quoteCharacter = '"',
      delimiter = '|',
      textBlock =
          """
      12Q            | invalid size '12Q': unknown unit 'Q' (use B, KiB, MiB, GiB, TiB)
      256            | invalid size '256': missing unit (sizes need a unit, e.g. 256MiB)
      256M           | invalid size '256M': unknown unit 'M' (did you mean 256MiB?)
      256K           | invalid size '256K': unknown unit 'K' (did you mean 256KiB?)
      1G             | invalid size '1G': unknown unit 'G' (did you mean 1GiB?)
      2T             | invalid size '2T': unknown unit 'T' (did you mean 2TiB?)
      4k             | invalid size '4k': unknown unit 'k' (did you mean 4KiB?)
      4Gi            | invalid size '4Gi': unknown unit 'Gi' (did you mean 4GiB?)
      256mib         | invalid size '256mib': unknown unit 'mib' (did you mean 256MiB?)
      256 MIB        | invalid size '256 MIB': unknown unit 'MIB' (did you mean 256MiB?)
      256KB          | invalid size '256KB': unknown unit 'KB' (did you mean 256kB?)
      1gb            | invalid size '1gb': unknown unit 'gb' (did you mean 1GB?)
      0.3B           | invalid size '0.3B': not a whole number of bytes (round it, or use a smaller unit)
      1.0001KiB      | invalid size '1.0001KiB': not a whole number of bytes (round it, or use a smaller unit)
      99999999999TiB | invalid size '99999999999TiB': too large (the largest size is about 8388607TiB)
      8388608TiB     | invalid size '8388608TiB': too large (the largest size is about 8388607TiB)
      9223372036854775808B | invalid size '9223372036854775808B': too large (the largest size is about 8388607TiB)
      -1MiB          | invalid size '-1MiB': negative sizes are not allowed (remove the '-')
      1,5GiB         | invalid size '1,5GiB': '1,5' is not a number (write digits with an optional '.' fraction, e.g. 1.5)
      1_024MiB       | invalid size '1_024MiB': '1_024' is not a number (write digits with an optional '.' fraction, e.g. 1.5)
      .5GiB          | invalid size '.5GiB': '.5' is not a number (write digits with an optional '.' fraction, e.g. 1.5)
      5.GiB          | invalid size '5.GiB': '5.' is not a number (write digits with an optional '.' fraction, e.g. 1.5)
      1.2.3MiB       | invalid size '1.2.3MiB': '1.2.3' is not a number (write digits with an optional '.' fraction, e.g. 1.5)
      +5MiB          | invalid size '+5MiB': missing number (write a number and a unit, e.g. 256MiB)
      MiB            | invalid size 'MiB': missing number (write a number and a unit, e.g. 256MiB)
      ""             | invalid size '': empty (write a number and a unit, e.g. 256MiB)
      "   "          | invalid size '   ': empty (write a number and a unit, e.g. 256MiB)
      256  MiB       | invalid size '256  MiB': unexpected whitespace after '256' (use at most one space between number and unit)
      256 MiB x      | invalid size '256 MiB x': unexpected space after '256 MiB' (write a number and a unit, e.g. 256MiB)
      1GiB512MiB     | invalid size '1GiB512MiB': more than one number (write one number and one unit, e.g. 256MiB)
      1e9B           | invalid size '1e9B': more than one number (write one number and one unit, e.g. 256MiB)
      256MiB/s       | invalid size '256MiB/s': unknown unit 'MiB/s' (use B, KiB, MiB, GiB, TiB)
      """)
  void rejectsWithMessageAndHint(String text, String message) {
    ValueFormatException error =
        assertThrows(ValueFormatException.class, () -> DataSize.parse(text));
    assertEquals(message, error.getMessage());
  }

  @Test
  void rejectionCarriesInputProblemAndHintSeparately() {
    ValueFormatException error =
        assertThrows(ValueFormatException.class, () -> DataSize.parse("256M"));
    assertAll(
        () -> assertEquals("256M", error.input()),
        () -> assertEquals("unknown unit 'M'", error.problem()),
        () -> assertEquals("did you mean 256MiB?", error.hint()),
        () -> assertTrue(IllegalArgumentException.class.isAssignableFrom(error.getClass())));
  }

  @Test
  void factoriesScaleByPowersOfTwo() {
    assertEquals(DataSize.parse("3KiB"), DataSize.ofKiB(3));
    assertEquals(DataSize.parse("3MiB"), DataSize.ofMiB(3));
    assertEquals(DataSize.parse("3GiB"), DataSize.ofGiB(3));
    assertEquals(DataSize.ZERO, DataSize.ofBytes(0));
  }

  @Test
  void factoriesRejectNegativeAndOverflow() {
    assertThrows(IllegalArgumentException.class, () -> DataSize.ofBytes(-1));
    assertThrows(IllegalArgumentException.class, () -> DataSize.ofMiB(-1));
    assertThrows(ArithmeticException.class, () -> DataSize.ofGiB(Long.MAX_VALUE / 1000));
  }

  @Test
  void kibAndMibRoundDown() {
    DataSize size = DataSize.ofBytes((1L << 20) + 1023);
    assertEquals(1024, size.kib());
    assertEquals(1, size.mib());
    assertEquals(0, DataSize.ofBytes(1023).kib());
  }

  @Test
  void arithmeticIsExactAndNeverNegative() {
    DataSize a = DataSize.parse("256MiB");
    DataSize b = DataSize.parse("1.5GiB");
    assertEquals(DataSize.parse("1792MiB"), a.plus(b));
    assertEquals(DataSize.parse("1280MiB"), b.minus(a));
    assertEquals(DataSize.ZERO, a.minus(a));
    ArithmeticException negative = assertThrows(ArithmeticException.class, () -> a.minus(b));
    assertEquals(
        "cannot subtract 1.5GiB from 256MiB: a size cannot be negative", negative.getMessage());
    assertThrows(
        ArithmeticException.class,
        () -> DataSize.ofBytes(Long.MAX_VALUE).plus(DataSize.ofBytes(1)));
  }

  @Test
  void comparesByBytes() {
    DataSize small = DataSize.parse("1000MiB");
    DataSize large = DataSize.parse("1GiB");
    assertTrue(large.isGreaterThan(small));
    assertTrue(small.isLessThan(large));
    assertFalse(small.isGreaterThan(small));
    assertTrue(small.compareTo(large) < 0);
    assertEquals(0, DataSize.parse("1024MiB").compareTo(large));
    assertTrue(DataSize.ZERO.isZero());
    assertFalse(large.isZero());
  }

  @Test
  void equalSizesWrittenDifferentlyAreEqual() {
    assertEquals(DataSize.parse("1GiB"), DataSize.parse("1024 MiB"));
    assertEquals(DataSize.parse("1GiB").hashCode(), DataSize.parse("1048576KiB").hashCode());
    assertEquals(DataSize.parse("1000B"), DataSize.parse("1kB"));
    assertNotEquals(DataSize.parse("1GB"), DataSize.parse("1GiB"));
  }
}
