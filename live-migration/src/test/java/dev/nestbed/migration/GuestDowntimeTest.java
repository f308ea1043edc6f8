package dev.nestbed.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nestbed.partitioner.agent.Heartbeat;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuestDowntimeTest {
  private static final long MS = 1_000_000;

  private static Heartbeat beat(long seq, long arrivalMs) {
    return new Heartbeat(seq, seq * 10 * MS, arrivalMs * MS);
  }

  @Test
  void theLargestArrivalGapInTheWindowIsTheDowntime() {
    List<Heartbeat> beats =
        List.of(beat(1, 0), beat(2, 10), beat(3, 20), beat(4, 420), beat(5, 430));
    GuestDowntime d = GuestDowntime.measure(beats, 0, 1000 * MS);
    assertEquals(Duration.ofMillis(400), d.largestGap());
    assertEquals(4, d.gapEndsAtSequence());
    assertEquals(420 * MS, d.gapEndsAtNanos());
    assertEquals(0, d.lostBeats());
    assertEquals(5, d.beats());
  }

  @Test
  void beatsFiledOutOfOrderByTwoLinesAreMeasuredInSequenceOrder() {
    // the destination's first beat was filed before the source's last one arrived
    List<Heartbeat> beats = List.of(beat(1, 0), beat(3, 300), beat(2, 5), beat(4, 310));
    GuestDowntime d = GuestDowntime.measure(beats, 0, 1000 * MS);
    assertEquals(Duration.ofMillis(295), d.largestGap());
    assertEquals(3, d.gapEndsAtSequence());
  }

  @Test
  void missingSequenceNumbersAreCountedAndBeatsOutsideTheWindowIgnored() {
    List<Heartbeat> beats =
        List.of(beat(1, 0), beat(2, 10), beat(6, 500), beat(7, 510), beat(8, 5000));
    GuestDowntime d = GuestDowntime.measure(beats, 5 * MS, 600 * MS);
    assertEquals(3, d.lostBeats());
    assertEquals(Duration.ofMillis(490), d.largestGap());
    assertEquals(3, d.beats());
  }
}
