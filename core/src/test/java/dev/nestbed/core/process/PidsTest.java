package dev.nestbed.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidsTest {
  private static final Duration GRACE = Duration.ofSeconds(5);

  @TempDir Path tmp;
  private Process sleeper;
  private Path pidFile;

  @BeforeEach
  void startSleeper() throws IOException {
    sleeper = new ProcessBuilder("sleep", "30").start();
    pidFile = Files.writeString(tmp.resolve("sleeper.pid"), sleeper.pid() + "\n");
  }

  @AfterEach
  void killSleeper() throws InterruptedException {
    sleeper.destroyForcibly();
    sleeper.waitFor(10, TimeUnit.SECONDS);
  }

  @Test
  void theProcessAtAPidNowIsPinnedToItsProgramAndStartTimeAndStoppedAsSuch()
      throws InterruptedException {
    TrackedProcess current = Pids.current(sleeper.pid()).orElseThrow();

    assertEquals("sleep", current.program());
    assertTrue(current.startTime().isPresent());
    assertEquals(Pids.Outcome.EXITED, Pids.stop(current, "the sleeper", GRACE));
    assertTrue(sleeper.waitFor(5, TimeUnit.SECONDS));
    // Its pid may name another process by now, never this one.
    assertEquals(
        Optional.empty(),
        Pids.current(sleeper.pid()).filter(p -> p.startTime().equals(current.startTime())),
        "an exited process (reaped) is no process");
  }

  @Test
  void aPidFileNamingAnotherProgramFindsNothingAndItsProcessIsNotSignalled()
      throws InterruptedException {
    assertEquals(Optional.empty(), Pids.find(pidFile, "libvirtd", ""));

    TrackedProcess expected = TrackedProcess.expecting(sleeper.pid(), "libvirtd", "");
    assertEquals(Pids.Outcome.NOT_OURS, Pids.stop(expected, "libvirtd of node n1", GRACE));

    assertStillAlive();
  }

  @Test
  void aProcessWithAnotherStartTimeIsNotSignalled() throws InterruptedException {
    TrackedProcess seen = Pids.find(pidFile, "sleep", "30").orElseThrow();
    TrackedProcess earlier = seen.startedAt(seen.startTime().getAsLong() - 1);

    assertFalse(Pids.isAlive(earlier));
    assertEquals(Pids.Outcome.NOT_OURS, Pids.stop(earlier, "an earlier sleep", GRACE));

    assertStillAlive();
  }

  @Test
  void aProcessWithoutTheExpectedArgumentIsNotSignalled() throws InterruptedException {
    assertEquals(Optional.empty(), Pids.find(pidFile, "sleep", "300"));
    assertEquals(
        Pids.Outcome.NOT_OURS,
        Pids.stop(TrackedProcess.expecting(sleeper.pid(), "sleep", "3"), "a sleep of 3 s", GRACE));

    assertStillAlive();
  }

  @Test
  void theExpectedProcessIsStopped() throws InterruptedException {
    TrackedProcess found = Pids.find(pidFile, "sleep", "30").orElseThrow();
    assertEquals(sleeper.pid(), found.pid());
    assertTrue(found.startTime().isPresent());
    assertTrue(Pids.isAlive(found));

    assertEquals(Pids.Outcome.EXITED, Pids.stop(found, "the sleeper", GRACE));

    assertTrue(sleeper.waitFor(5, TimeUnit.SECONDS), "the sleeper still runs");
    assertFalse(Pids.isAlive(found));
    assertEquals(Pids.Outcome.GONE, Pids.stop(found, "the sleeper", GRACE));
  }

  @Test
  void aProcessThatIgnoresSigtermIsKilledAfterTheGracePeriod()
      throws IOException, InterruptedException {
    Process stubborn =
        new ProcessBuilder("sh", "-c", "trap '' TERM; echo ready; while :; do sleep 1; done")
            .start();
    try {
      stubborn.getInputStream().read(); // the trap is set once it speaks
      TrackedProcess process = new TrackedProcess(stubborn.pid(), "sh", "", OptionalLong.empty());

      assertEquals(
          Pids.Outcome.KILLED, Pids.stop(process, "a stubborn shell", Duration.ofMillis(300)));

      assertTrue(stubborn.waitFor(5, TimeUnit.SECONDS));
    } finally {
      stubborn.destroyForcibly();
    }
  }

  @Test
  void pidFilesWithoutOneProcessAreEmpty() throws IOException {
    for (String text : List.of("", "0", "-1", "not a pid")) {
      Files.writeString(pidFile, text);
      assertEquals(OptionalLong.empty(), Pids.read(pidFile), "'" + text + "'");
    }
    assertEquals(OptionalLong.empty(), Pids.read(tmp.resolve("missing.pid")));
  }

  @Test
  void theStartTimeIsField22CountedAfterACommandNameWithSpacesAndParentheses() {
    String stat =
        "4711 (qemu (x) y) S 1 4711 4711 0 -1 4194560 100 0 0 0 5 6 0 0 20 0 3 0 987654 1234 56 "
            + "18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0\n";
    byte[] cmdline =
        "/usr/bin/qemu-system-x86_64\0-name\0guest=nb-0a1b2c3d-p1,debug-threads=on\0"
            .getBytes(StandardCharsets.UTF_8);

    TrackedProcess.Seen seen = TrackedProcess.Seen.parse(stat, cmdline);

    assertEquals('S', seen.state());
    assertEquals(987654, seen.startTime());
    assertTrue(
        TrackedProcess.expecting(4711, "qemu-system-", "guest=nb-0a1b2c3d-p1").matches(seen));
    assertFalse(
        TrackedProcess.expecting(4711, "qemu-system-", "guest=nb-0a1b2c3d-p").matches(seen));
    assertFalse(TrackedProcess.expecting(4711, "libvirtd", "").matches(seen));
    assertFalse(TrackedProcess.expecting(4711, "qemu-system-", "").startedAt(987653).matches(seen));
  }

  private void assertStillAlive() throws InterruptedException {
    assertFalse(sleeper.waitFor(300, TimeUnit.MILLISECONDS), "the sleeper was signalled");
    assertTrue(sleeper.isAlive());
  }
}
