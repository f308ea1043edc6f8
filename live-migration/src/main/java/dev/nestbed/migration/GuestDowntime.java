package dev.nestbed.migration;

import dev.nestbed.partitioner.agent.Heartbeat;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * The downtime the guest lived through, from its heartbeats as they arrived on the host: the
 * largest arrival gap between consecutive beats (in sequence order) within a window around the
 * switch-over, and how many sequence numbers never arrived there. Host arrival is the honest clock:
 * under TCG the guest's own clock stops while it is paused and would hide the pause.
 *
 * @param largestGap the longest time no beat arrived
 * @param gapEndsAtSequence the first beat after that gap
 * @param gapEndsAtNanos when that beat arrived ({@link System#nanoTime()} of the host), so that a
 *     plot can place the gap; 0 with fewer than two beats
 * @param lostBeats sequence numbers missing within the window
 * @param beats beats in the window
 */
public record GuestDowntime(
    Duration largestGap, long gapEndsAtSequence, long gapEndsAtNanos, long lostBeats, int beats) {

  /**
   * Measures over the beats that arrived from {@code fromNanos} to {@code toNanos} (host clock).
   */
  public static GuestDowntime measure(List<Heartbeat> log, long fromNanos, long toNanos) {
    List<Heartbeat> window =
        log.stream()
            .filter(b -> b.hostNanos() >= fromNanos && b.hostNanos() <= toNanos)
            .sorted(Comparator.comparingLong(Heartbeat::sequence))
            .toList();
    long largest = 0;
    long endsAt = window.isEmpty() ? 0 : window.get(0).sequence();
    long endsAtNanos = 0;
    long lost = 0;
    for (int i = 1; i < window.size(); i++) {
      Heartbeat a = window.get(i - 1);
      Heartbeat b = window.get(i);
      lost += Math.max(0, b.sequence() - a.sequence() - 1);
      long gap = b.hostNanos() - a.hostNanos();
      if (gap > largest) {
        largest = gap;
        endsAt = b.sequence();
        endsAtNanos = b.hostNanos();
      }
    }
    return new GuestDowntime(Duration.ofNanos(largest), endsAt, endsAtNanos, lost, window.size());
  }
}
