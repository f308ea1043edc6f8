package dev.nestbed.aggregator.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link NodeDaemon#stop()} signals when a crashed run's pid files are all that is left. */
class NodeDaemonTest {
  @TempDir Path root;
  private final StandIns standIns = new StandIns();

  @AfterEach
  void killWhatIsLeft() throws InterruptedException {
    standIns.killAll();
  }

  @Test
  void pidFilesThatNowNameOtherProcessesAreLeftAlone() throws IOException, InterruptedException {
    Process notLibvirtd = standIns.sleeper();
    Process notQemu = standIns.sleeper();
    Process otherGuest = standIns.qemu("nb-0a1b2c3d-p2");
    writePid("run/libvirtd.pid", notLibvirtd);
    writePid("run/libvirt/qemu/nb-0a1b2c3d-p1.pid", notQemu);
    writePid("run/libvirt/qemu/nb-0a1b2c3d-p3.pid", otherGuest);

    List<ProcessStop> done = daemon().stop();

    assertEquals(
        List.of(
            ProcessStop.leftAlone("libvirtd", notLibvirtd.pid()),
            ProcessStop.leftAlone("the QEMU of nb-0a1b2c3d-p1", notQemu.pid()),
            ProcessStop.leftAlone("the QEMU of nb-0a1b2c3d-p3", otherGuest.pid())),
        done);

    assertFalse(
        notLibvirtd.waitFor(300, TimeUnit.MILLISECONDS),
        "the process at libvirtd's old pid was signalled");
    assertFalse(
        notQemu.waitFor(300, TimeUnit.MILLISECONDS), "the process at p1's old pid was signalled");
    assertFalse(otherGuest.waitFor(300, TimeUnit.MILLISECONDS), "p2's QEMU was signalled for p3");
  }

  @Test
  void theQemuOfOneOfItsGuestsIsStopped() throws IOException, InterruptedException {
    Process guest = standIns.qemu("nb-0a1b2c3d-p1");
    Process bystander = standIns.sleeper();
    writePid("run/libvirt/qemu/nb-0a1b2c3d-p1.pid", guest);
    writePid("run/libvirtd.pid", bystander);

    List<ProcessStop> done = daemon().stop();

    assertTrue(guest.waitFor(5, TimeUnit.SECONDS), "the guest's QEMU still runs");
    assertTrue(bystander.isAlive());
    assertEquals(
        List.of(
            ProcessStop.leftAlone("libvirtd", bystander.pid()),
            ProcessStop.stopped("the QEMU of nb-0a1b2c3d-p1", guest.pid())),
        done);
  }

  @Test
  void pidFilesOfProcessesThatAreGoneAreReportedAsNotRunning()
      throws IOException, InterruptedException {
    Process gone = standIns.sleeper();
    gone.destroyForcibly();
    gone.waitFor(10, TimeUnit.SECONDS);
    writePid("run/libvirt/qemu/nb-0a1b2c3d-p1.pid", gone);

    List<ProcessStop> done = daemon().stop();

    assertEquals(
        List.of(
            ProcessStop.notRunning("libvirtd", OptionalLong.empty()),
            ProcessStop.notRunning("the QEMU of nb-0a1b2c3d-p1", OptionalLong.of(gone.pid()))),
        done);
    assertEquals("libvirtd was not running (no pid in its pid file)", done.get(0).describe());
  }

  @Test
  void aSurveyNamesWhatStopWouldDoAndSignalsNothing() throws IOException, InterruptedException {
    Process guest = standIns.qemu("nb-0a1b2c3d-p1");
    Process notLibvirtd = standIns.sleeper();
    Process gone = standIns.sleeper();
    gone.destroyForcibly();
    gone.waitFor(10, TimeUnit.SECONDS);
    writePid("run/libvirtd.pid", notLibvirtd);
    writePid("run/libvirt/qemu/nb-0a1b2c3d-p1.pid", guest);
    writePid("run/libvirt/qemu/nb-0a1b2c3d-p2.pid", gone);

    List<Leftover> found = daemon().survey("0a1b2c3d");

    assertEquals(
        List.of(
            Leftover.kept(
                Leftover.Kind.LIBVIRTD,
                "n1",
                "0a1b2c3d",
                OptionalLong.of(notLibvirtd.pid()),
                "the pid file of libvirtd of node n1 of run 0a1b2c3d names it, but its command line is another process's"),
            Leftover.process(Leftover.Kind.QEMU, "nb-0a1b2c3d-p1", "0a1b2c3d", guest.pid())),
        found);
    assertFalse(guest.waitFor(300, TimeUnit.MILLISECONDS), "a survey signalled the guest");
    assertTrue(notLibvirtd.isAlive());
  }

  private NodeDaemon daemon() {
    return new NodeDaemon("n1", "nb-0a1b2c3d-n1", root, new ProcessRunner());
  }

  private void writePid(String file, Process process) throws IOException {
    StandIns.writePid(root.resolve(file), process);
  }
}
