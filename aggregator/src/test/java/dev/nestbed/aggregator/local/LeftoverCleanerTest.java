package dev.nestbed.aggregator.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.run.RunId;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code nestbed clean} does with the directory of a crashed run, and what it says it did,
 * when pid files are all that is left of its nodes (no daemon runs here).
 */
class LeftoverCleanerTest {
  @TempDir Path workRoot;
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

    boolean removed =
        new LeftoverCleaner(workRoot, id -> List.of())
            .cleanRun(workRoot.resolve(run.value()), report);

    assertTrue(removed);
    assertFalse(Files.exists(dir.getParent()));
    assertEquals(
        List.of(
            "node n1 of run " + run + ": libvirtd was not running (no pid in its pid file)",
            "removed " + workRoot.resolve(run.value())),
        report);
  }

  @Test
  void theDaemonAProviderStartedForItselfOneLevelDownIsFoundAndAProjectDirectoryIsNoNode()
      throws IOException {
    Path dir = workRoot.resolve(run.value());
    Files.createDirectories(dir.resolve("nodes/host/vagrant/run"));
    Files.createDirectories(dir.resolve("nodes/vagrant-project"));
    List<String> report = new ArrayList<>();

    boolean removed = new LeftoverCleaner(workRoot, id -> List.of()).cleanRun(dir, report);

    assertTrue(removed);
    assertEquals(
        List.of(
            "node vagrant of run " + run + ": libvirtd was not running (no pid in its pid file)",
            "removed " + dir),
        report);
  }

  @Test
  void aRunWhoseGuestStillRunsAfterItsPidFileWasLeftAloneKeepsItsDirectory()
      throws IOException, InterruptedException {
    Path dir = workRoot.resolve(run.value());
    // The pid file names a stranger; the run's QEMU runs at a pid no file names.
    Process stranger = standIns.sleeper();
    Process guest = standIns.qemu(run.qualify("p1"));
    StandIns.writePid(
        dir.resolve("nodes/n1/run/libvirt/qemu/" + run.qualify("p1") + ".pid"), stranger);
    List<String> report = new ArrayList<>();

    // The real search by run id: pgrep finds the guest by its -name.
    boolean removed = new LeftoverCleaner(workRoot, RunLeftovers::processes).cleanRun(dir, report);

    assertFalse(removed);
    assertTrue(Files.isDirectory(dir), "the directory of a run whose guest still runs was removed");
    assertFalse(
        stranger.waitFor(300, TimeUnit.MILLISECONDS),
        "the stranger at the pid file's pid was signalled");
    assertTrue(guest.isAlive());
    assertEquals(
        List.of(
            "node n1 of run " + run + ": libvirtd was not running (no pid in its pid file)",
            "node n1 of run "
                + run
                + ": left pid "
                + stranger.pid()
                + " alone: the pid file of the QEMU of "
                + run.qualify("p1")
                + " names it, but its command line is another process's",
            "kept "
                + dir
                + ": still running after its nodes were stopped: guest process "
                + guest.pid()
                + " (pid "
                + stranger.pid()
                + " was left alone: its command line was not the one its pid file promised); a later"
                + " 'nestbed clean' finds them through this directory, so stop them by hand, then run 'nestbed clean'"
                + " again"),
        report);
  }

  @Test
  void aRunWithADaemonNoPidFileNamesKeepsItsDirectoryAndSaysSo() throws IOException {
    Path dir =
        Files.createDirectories(workRoot.resolve(run.value()).resolve("nodes/n1"))
            .getParent()
            .getParent();
    List<String> report = new ArrayList<>();

    boolean removed =
        new LeftoverCleaner(workRoot, id -> List.of("libvirtd process 4711")).cleanRun(dir, report);

    assertFalse(removed);
    assertTrue(Files.isDirectory(dir));
    assertTrue(
        report
            .get(report.size() - 1)
            .startsWith(
                "kept "
                    + dir
                    + ": still running after its nodes were"
                    + " stopped: libvirtd process 4711 (no pid file of the run named them as running)"),
        report.toString());
  }

  @Test
  void aDryRunForeseesWhatCleanWouldStopAndRemoveAndDoesNoneOfIt()
      throws IOException, InterruptedException {
    Path dir = workRoot.resolve(run.value());
    // Its guest's QEMU runs and its pid file names it; libvirtd's pid file names a stranger.
    Process guest = standIns.qemu(run.qualify("p1"));
    Process stranger = standIns.sleeper();
    StandIns.writePid(
        dir.resolve("nodes/n1/run/libvirt/qemu/" + run.qualify("p1") + ".pid"), guest);
    StandIns.writePid(dir.resolve("nodes/n1/run/libvirtd.pid"), stranger);
    List<Leftover> found = new ArrayList<>();

    // The real search by run id finds the guest, which clean would stop: the directory would go.
    boolean wouldRemove =
        new LeftoverCleaner(workRoot, RunLeftovers::processes).surveyRun(dir, found);

    assertTrue(wouldRemove);
    assertEquals(
        List.of(
            Leftover.kept(
                Leftover.Kind.LIBVIRTD,
                "n1",
                run.value(),
                OptionalLong.of(stranger.pid()),
                "the pid file of libvirtd of node n1 of run "
                    + run
                    + " names it, but its command line is another"
                    + " process's"),
            Leftover.process(Leftover.Kind.QEMU, run.qualify("p1"), run.value(), guest.pid()),
            Leftover.removable(Leftover.Kind.DIRECTORY, dir.toString(), run.value(), null)),
        found);
    assertEquals(
        "would stop the QEMU of " + run.qualify("p1") + " (pid " + guest.pid() + ")",
        found.get(1).describe());
    assertFalse(guest.waitFor(300, TimeUnit.MILLISECONDS), "a dry run signalled the guest");
    assertTrue(stranger.isAlive(), "a dry run signalled the stranger");
    assertTrue(
        Files.isDirectory(dir.resolve("nodes/n1/run")), "a dry run removed the run directory");
  }

  @Test
  void aDryRunKeepsTheDirectoryOfARunWhoseProcessNoPidFileNamesWouldStillRun() throws IOException {
    Path dir =
        Files.createDirectories(workRoot.resolve(run.value()).resolve("nodes/n1"))
            .getParent()
            .getParent();
    List<Leftover> found = new ArrayList<>();

    boolean wouldRemove =
        new LeftoverCleaner(workRoot, id -> List.of("libvirtd process 4711")).surveyRun(dir, found);

    assertFalse(wouldRemove);
    Leftover kept = found.get(found.size() - 1);
    assertEquals(Leftover.Action.KEEP, kept.action());
    assertEquals(dir.toString(), kept.name());
    assertTrue(
        kept.describe()
            .startsWith(
                "would leave "
                    + dir
                    + " alone: processes of the run that no pid file"
                    + " names would still run: libvirtd process 4711"),
        kept.describe());
  }

  @Test
  void aDryRunLeavesARunThatIsStillGoingAloneAndCreatesNoWorkRoot() throws IOException {
    Path dir = Files.createDirectories(workRoot.resolve(run.value()));
    Path absent = workRoot.resolve("absent");
    try (FileChannel lock =
        FileChannel.open(
            dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      lock.lock(); // held until the channel closes, as a run holds its own
      List<Leftover> found =
          new LeftoverCleaner(workRoot, id -> List.of())
              .findLocal().stream().filter(l -> l.run().equals(run.value())).toList();

      assertEquals(
          List.of(
              Leftover.kept(
                  Leftover.Kind.RUN,
                  dir.toString(),
                  run.value(),
                  OptionalLong.empty(),
                  "it is still running (pid ?)")),
          found);
    }
    assertTrue(
        new LeftoverCleaner(absent, id -> List.of())
            .findLocal().stream()
                .noneMatch(
                    l -> l.kind() == Leftover.Kind.RUN || l.kind() == Leftover.Kind.DIRECTORY));
    assertFalse(Files.exists(absent), "a dry run created the work root");
  }
}
