package dev.nestbed.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nestbed.core.libvirt.MigrationJobStats;
import dev.nestbed.core.libvirt.MigrationJobStats.Phase;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TimeoutReasonTest {
  private static final long MIB = 1024 * 1024;

  private static MigrationJobStats running(
      long pass, long remainingMib, long dirtyMibS, long bpsMibS, OptionalLong expectedDowntimeMs) {
    OptionalLong none = OptionalLong.empty();
    return new MigrationJobStats(
        Phase.RUNNING,
        OptionalLong.of(20_000),
        OptionalLong.of(256 * MIB),
        none,
        OptionalLong.of(remainingMib * MIB),
        none,
        none,
        OptionalLong.of(dirtyMibS * MIB),
        OptionalLong.of(pass),
        OptionalLong.of(bpsMibS * MIB),
        expectedDowntimeMs,
        none,
        none,
        none);
  }

  @Test
  void aGuestDirtyingFasterThanTheCopyDidNotConverge() {
    String why =
        TimeoutReason.of(
            running(9, 30, 64, 8, OptionalLong.of(3750)),
            Duration.ofSeconds(20),
            Duration.ofMillis(50));
    assertEquals(
        "it could not converge under its max-downtime of 50 ms: after 9 passes 30.0 MiB were still"
            + " dirty, a final copy of about 3750 ms (guest dirtying 64.0 MiB/s, copied at 8.0 MiB/s); it was aborted"
            + " at its timeout of 20 s",
        why);
  }

  @Test
  void withoutQemusEstimateTheFinalCopyIsWhatIsLeftOverTheThroughput() {
    String why =
        TimeoutReason.of(
            running(3, 16, 64, 8, OptionalLong.empty()),
            Duration.ofSeconds(20),
            Duration.ofMillis(300));
    assertEquals(
        "it could not converge under its max-downtime of 300 ms: after 3 passes 16.0 MiB were still"
            + " dirty, a final copy of about 2000 ms (guest dirtying 64.0 MiB/s, copied at 8.0 MiB/s); it was aborted"
            + " at its timeout of 20 s",
        why);
  }

  @Test
  void stillInItsFirstPassItWasSlowNotStuck() {
    String why =
        TimeoutReason.of(
            running(1, 236, 64, 8, OptionalLong.of(29_000)),
            Duration.ofSeconds(5),
            Duration.ofMillis(300));
    assertEquals("it was aborted after its timeout of 5 s (pass 1, 236.0 MiB still to copy)", why);
  }

  @Test
  void convergingButNotDoneIsATimeoutToo() {
    String why =
        TimeoutReason.of(
            running(2, 1, 1, 100, OptionalLong.of(10)),
            Duration.ofSeconds(5),
            Duration.ofMillis(300));
    assertEquals(
        "it was aborted after its timeout of 5 s (pass 2, 1.0 MiB still to copy, guest dirtying 1.0 MiB/s)",
        why);
  }
}
