package dev.nestbed.aggregator.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.run.RunId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code nestbed clean} does with the directory of a crashed run, and what it says it did,
 * when pid files are all that is left of its nodes (no daemon runs here).
 */
class LeftoverCleanerTest {
  @TempDir
  Path workRoot;
  private final StandIns standIns = new StandIns();
  /** A run id of its own, so that nothing of another run on this machine is looked at. */
  private final RunId run = RunId.random();

  @AfterEach
  void killWhatIsLeft() throws InterruptedException {
    standIns.killAll();
  }

  @Test
  void aRunWithNothingRunningIsReportedAsSuchAndRemoved() throws IOException {
    Path dir = Files.createDirectories(workRoot.resolve(run.value()).resolve("nodes/n1/run"));
    List<String> report = new ArrayList<>();

    boolean removed = new LeftoverCleaner(workRoot, id -> List.of()).cleanRun(workRoot.resolve(run.value()), report);

    assertTrue(removed);
    assertFalse(Files.exists(dir.getParent()));
    assertEquals(List.of("node n1 of run " + run + ": libvirtd was not running (no pid in its pid file)",
        "removed " + workRoot.resolve(run.value())), report);
  }

  @Test
  void aRunWhoseGuestStillRunsAfterItsPidFileWasLeftAloneKeepsItsDirectory() throws IOException,
      InterruptedException {
    Path dir = workRoot.resolve(run.value());
    // The pid file names a stranger; the run's QEMU runs at a pid no file names.
    Process stranger = standIns.sleeper();
    Process guest = standIns.qemu(run.qualify("p1"));
    StandIns.writePid(dir.resolve("nodes/n1/run/libvirt/qemu/" + run.qualify("p1") + ".pid"), stranger);
    List<String> report = new ArrayList<>();

    // The real search by run id: pgrep finds the guest by its -name.
    boolean removed = new LeftoverCleaner(workRoot, RunLeftovers::processes).cleanRun(dir, report);

    assertFalse(removed);
    assertTrue(Files.isDirectory(dir), "the directory of a run whose guest still runs was removed");
    assertFalse(stranger.waitFor(300, TimeUnit.MILLISECONDS), "the stranger at the pid file's pid was signalled");
    assertTrue(guest.isAlive());
    assertEquals(List.of(
        "node n1 of run " + run + ": libvirtd was not running (no pid in its pid file)",
        "node n1 of run " + run + ": left pid " + stranger.pid() + " alone: the pid file of the QEMU of "
            + run.qualify("p1") + " names it, but its command line is another process's",
        "kept " + dir + ": still running after its nodes were stopped: guest process " + guest.pid() + " (pid "
            + stranger.pid() + " was left alone: its command line was not the one its pid file promised); a later"
            + " 'nestbed clean' finds them through this directory, so stop them by hand, then run 'nestbed clean'"
            + " again"), report);
  }

  @Test
  void aRunWithADaemonNoPidFileNamesKeepsItsDirectoryAndSaysSo() throws IOException {
    Path dir = Files.createDirectories(workRoot.resolve(run.value()).resolve("nodes/n1")).getParent().getParent();
    List<String> report = new ArrayList<>();

    boolean removed = new LeftoverCleaner(workRoot, id -> List.of("libvirtd process 4711")).cleanRun(dir, report);

    assertFalse(removed);
    assertTrue(Files.isDirectory(dir));
    assertTrue(report.get(report.size() - 1).startsWith("kept " + dir + ": still running after its nodes were"
        + " stopped: libvirtd process 4711 (no pid file of the run named them as running)"), report.toString());
  }
}
