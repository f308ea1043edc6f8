package dev.nestbed.core.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeSpanTest {

  @ParameterizedTest(name = "{0} is {1}ns")
  @CsvSource(
      quoteCharacter = '"',
      delimiter = '|',
      textBlock =
          """
      0s             | 0
      1ns            | 1
      86us           | 86000
      86\u00b5s           | 86000
      86\u03bcs           | 86000
      300ms          | 300000000
      2s             | 2000000000
      5m             | 300000000000
      1h             | 3600000000000
      1.5s           | 1500000000
      0.5ms          | 500000
      1.000000001s   | 1000000001
      1m30s          | 90000000000
      1h30m          | 5400000000000
      1h0m5s         | 3605000000000
      1h500ms        | 3600500000000
      1m30.5s        | 90500000000
      1s500ms250us3ns | 1500250003
      300 ms         | 300000000
      " 5m "         | 300000000000
      2562047h       | 9223369200000000000
      """)
  void parsesEveryUnitDecimalsAndCompounds(String text, long nanos) {
    assertEquals(nanos, TimeSpan.parse(text).toNanos());
  }

  @ParameterizedTest(name = "{0}ns prints as {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      0                   | 0s
      1                   | 1ns
      86000               | 86us
      86500               | 86.5us
      1500000             | 1.5ms
      300000000           | 300ms
      2000000000          | 2s
      1500000000          | 1.5s
      1000000001          | 1.000000001s
      300000000000        | 5m
      90000000000         | 1m30s
      90500000000         | 1m30.5s
      5400000000000       | 1h30m
      3600500000000       | 1h500ms
      3601000000000       | 1h1s
      172800000000000     | 48h
      9223372036854775807 | 2562047h47m16.854775807s
      """)
  void printsHumanReadableForm(long nanos, String text) {
    assertEquals(text, TimeSpan.ofNanos(nanos).toString());
  }

  @ParameterizedTest
  @ValueSource(
      longs = {
        0,
        1,
        999,
        1000,
        1001,
        999_999_999,
        59_999_999_999L,
        60_000_000_001L,
        3_599_999_999_999L,
        3_600_000_000_001L,
        Long.MAX_VALUE
      })
  void printedFormParsesBackEqual(long nanos) {
    TimeSpan span = TimeSpan.ofNanos(nanos);
    assertEquals(span, TimeSpan.parse(span.toString()));
  }

  @Test
  void printedFormParsesBackEqualForManyValues() {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      long nanos = (long) Math.pow(10, random.nextInt(19)) * random.nextInt(10) + random.nextInt(3);
      TimeSpan span = TimeSpan.ofNanos(nanos);
      assertEquals(span, TimeSpan.parse(span.toString()), () -> "round trip of " + nanos + "ns");
    }
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      quoteCharacter = '"',
      delimiter = '|',
      textBlock =
          """
      5             | invalid duration '5': missing unit (durations need a unit, e.g. 300ms or 5m)
      1m30          | invalid duration '1m30': missing unit (durations need a unit, e.g. 300ms or 5m)
      -5s           | invalid duration '-5s': negative durations are not allowed (remove the '-')
      5d            | invalid duration '5d': unknown unit 'd' (use ns, us, ms, s, m, h)
      5S            | invalid duration '5S': unknown unit 'S' (did you mean 5s?)
      5M            | invalid duration '5M': unknown unit 'M' (did you mean 5m?)
      300MS         | invalid duration '300MS': unknown unit 'MS' (did you mean 300ms?)
      2H            | invalid duration '2H': unknown unit 'H' (did you mean 2h?)
      5min          | invalid duration '5min': unknown unit 'min' (did you mean 5m?)
      5sec          | invalid duration '5sec': unknown unit 'sec' (did you mean 5s?)
      2Hours        | invalid duration '2Hours': unknown unit 'Hours' (did you mean 2h?)
      1m30S         | invalid duration '1m30S': unknown unit 'S' (did you mean 1m30s?)
      30s1m         | invalid duration '30s1m': units out of order (write larger units first, each once, e.g. 1h30m)
      1m1m          | invalid duration '1m1m': units out of order (write larger units first, each once, e.g. 1h30m)
      1us1\u00b5s        | invalid duration '1us1\u00b5s': units out of order (write larger units first, each once, e.g. 1h30m)
      1.5h30m       | invalid duration '1.5h30m': fraction before the last part (only the last part may have a fraction, e.g. 1m30.5s)
      0.5ns         | invalid duration '0.5ns': not a whole number of nanoseconds (round it, or use a smaller unit)
      1.0000000001s | invalid duration '1.0000000001s': not a whole number of nanoseconds (round it, or use a smaller unit)
      2562048h      | invalid duration '2562048h': too large (the largest duration is about 2562047h)
      99999999999h  | invalid duration '99999999999h': too large (the largest duration is about 2562047h)
      1m 30s        | invalid duration '1m 30s': unexpected space after '1m' (write a number and a unit, e.g. 300ms or 1m30s)
      ""            | invalid duration '': empty (write a number and a unit, e.g. 300ms or 1m30s)
      PT5S          | invalid duration 'PT5S': missing number (write a number and a unit, e.g. 300ms or 1m30s)
      """)
  void rejectsWithMessageAndHint(String text, String message) {
    ValueFormatException error =
        assertThrows(ValueFormatException.class, () -> TimeSpan.parse(text));
    assertEquals(message, error.getMessage());
  }

  @Test
  void convertsToAndFromDuration() {
    assertEquals(Duration.ofMillis(1500), TimeSpan.parse("1.5s").toDuration());
    assertEquals(TimeSpan.parse("1h30m"), TimeSpan.of(Duration.ofMinutes(90)));
    assertEquals(TimeSpan.parse("300ms"), TimeSpan.ofMillis(300));
    assertEquals(TimeSpan.parse("5s"), TimeSpan.ofSeconds(5));
    assertEquals(1500, TimeSpan.parse("1.5009s").toMillis());
    assertThrows(IllegalArgumentException.class, () -> TimeSpan.of(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> TimeSpan.ofNanos(-1));
    assertThrows(ArithmeticException.class, () -> TimeSpan.of(Duration.ofDays(300 * 365)));
    assertThrows(ArithmeticException.class, () -> TimeSpan.ofSeconds(Long.MAX_VALUE / 10));
  }

  @Test
  void arithmeticIsExactAndNeverNegative() {
    TimeSpan a = TimeSpan.parse("1m");
    TimeSpan b = TimeSpan.parse("30.5s");
    assertEquals(TimeSpan.parse("1m30.5s"), a.plus(b));
    assertEquals(TimeSpan.parse("29.5s"), a.minus(b));
    assertEquals(TimeSpan.ZERO, a.minus(a));
    ArithmeticException negative = assertThrows(ArithmeticException.class, () -> b.minus(a));
    assertEquals(
        "cannot subtract 1m from 30.5s: a duration cannot be negative", negative.getMessage());
    assertThrows(
        ArithmeticException.class,
        () -> TimeSpan.ofNanos(Long.MAX_VALUE).plus(TimeSpan.ofNanos(1)));
  }

  @Test
  void comparesByLength() {
    TimeSpan short_ = TimeSpan.parse("999ms");
    TimeSpan long_ = TimeSpan.parse("1s");
    assertTrue(long_.isGreaterThan(short_));
    assertTrue(short_.isLessThan(long_));
    assertFalse(long_.isLessThan(long_));
    assertTrue(short_.compareTo(long_) < 0);
    assertEquals(TimeSpan.parse("60s"), TimeSpan.parse("1m"));
    assertEquals(TimeSpan.parse("60s").hashCode(), TimeSpan.parse("1m").hashCode());
    assertTrue(TimeSpan.parse("0ms").isZero());
  }
}
