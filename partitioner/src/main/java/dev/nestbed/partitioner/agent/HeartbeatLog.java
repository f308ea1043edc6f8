package dev.nestbed.partitioner.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every heartbeat received from one guest, in arrival order. The agent beats every 10 ms (an L2
 * under nested TCG every 100 ms: {@code PartitionSite.heartbeat}), so a long gap between two
 * arrivals is time the guest could not run or could not be heard: the guest-observed downtime of a
 * migration is the largest such gap around switch-over.
 *
 * <p>Arrival is stamped when the host reads the line, after the partition's libvirtd has relayed it
 * from the pty: a relay that stalls (libvirtd not scheduled on a busy host) shows as an arrival gap
 * the guest's own clock did not see. On 2 loaded cores under TCG that added about 0.3 ms at the
 * median and, rarely, up to ~0.2 s; compare with {@link #maxGuestGap()} before blaming the guest.
 */
public final class HeartbeatLog {
  /** The agent's beat period unless its kernel command line sets another. */
  public static final Duration PERIOD = Duration.ofMillis(10);

  private final List<Heartbeat> beats = new ArrayList<>();

  synchronized void record(Heartbeat beat) {
    beats.add(beat);
    notifyAll();
  }

  public synchronized int count() {
    return beats.size();
  }

  public synchronized Optional<Heartbeat> first() {
    return beats.isEmpty() ? Optional.empty() : Optional.of(beats.get(0));
  }

  public synchronized Optional<Heartbeat> last() {
    return beats.isEmpty() ? Optional.empty() : Optional.of(beats.get(beats.size() - 1));
  }

  /** A copy of the beats received so far. */
  public synchronized List<Heartbeat> snapshot() {
    return List.copyOf(beats);
  }

  /** Waits until a beat arrives after {@code hostNanos}; returns it, or empty at the deadline. */
  public synchronized Optional<Heartbeat> awaitAfter(long hostNanos, Duration deadline)
      throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    while (true) {
      if (!beats.isEmpty() && beats.get(beats.size() - 1).hostNanos() >= hostNanos) {
        return beats.stream().filter(b -> b.hostNanos() >= hostNanos).findFirst();
      }
      long left = end - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  /** The largest gap between two consecutive arrivals, measured on the host. */
  public synchronized Duration maxArrivalGap() {
    return maxGap(beats, true);
  }

  /** The largest gap between two consecutive beats as the guest's own clock saw them. */
  public synchronized Duration maxGuestGap() {
    return maxGap(beats, false);
  }

  /** Sequence numbers that never arrived between the first and last beat received. */
  public synchronized long missing() {
    if (beats.size() < 2) {
      return 0;
    }
    long span = beats.get(beats.size() - 1).sequence() - beats.get(0).sequence() + 1;
    return Math.max(0, span - beats.size());
  }

  static Duration maxGap(List<Heartbeat> beats, boolean hostClock) {
    long max = 0;
    for (int i = 1; i < beats.size(); i++) {
      Heartbeat a = beats.get(i - 1);
      Heartbeat b = beats.get(i);
      long gap = hostClock ? b.hostNanos() - a.hostNanos() : b.guestNanos() - a.guestNanos();
      max = Math.max(max, gap);
    }
    return Duration.ofNanos(max);
  }
}
