package dev.nestbed.aggregator.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link NodeDaemon#stop()} signals when a crashed run's pid files are all that is left. */
class NodeDaemonTest {
  /** A stand-in for a QEMU: argv[0] and {@code -name} as libvirt starts one, then it just waits. */
  private static final String FAKE_QEMU =
      "exec -a /usr/bin/qemu-system-x86_64 sh -c 'while :; do sleep 1; done' sh -name %s,debug-threads=on";

  @TempDir
  Path root;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killWhatIsLeft() throws InterruptedException {
    for (Process process : started) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void pidFilesThatNowNameOtherProcessesAreLeftAlone() throws IOException, InterruptedException {
    Process notLibvirtd = start("sleep", "30");
    Process notQemu = start("sleep", "30");
    Process otherGuest = start("bash", "-c", FAKE_QEMU.formatted("guest=nb-0a1b2c3d-p2"));
    writePid("run/libvirtd.pid", notLibvirtd);
    writePid("run/libvirt/qemu/nb-0a1b2c3d-p1.pid", notQemu);
    writePid("run/libvirt/qemu/nb-0a1b2c3d-p3.pid", otherGuest);

    daemon().stop();

    assertFalse(notLibvirtd.waitFor(300, TimeUnit.MILLISECONDS), "the process at libvirtd's old pid was signalled");
    assertFalse(notQemu.waitFor(300, TimeUnit.MILLISECONDS), "the process at p1's old pid was signalled");
    assertFalse(otherGuest.waitFor(300, TimeUnit.MILLISECONDS), "p2's QEMU was signalled for p3");
  }

  @Test
  void theQemuOfOneOfItsGuestsIsStopped() throws IOException, InterruptedException {
    Process guest = start("bash", "-c", FAKE_QEMU.formatted("guest=nb-0a1b2c3d-p1"));
    Process bystander = start("sleep", "30");
    writePid("run/libvirt/qemu/nb-0a1b2c3d-p1.pid", guest);
    writePid("run/libvirtd.pid", bystander);

    daemon().stop();

    assertTrue(guest.waitFor(5, TimeUnit.SECONDS), "the guest's QEMU still runs");
    assertTrue(bystander.isAlive());
  }

  private NodeDaemon daemon() {
    return new NodeDaemon("n1", "nb-0a1b2c3d-n1", root, new ProcessRunner());
  }

  private Process start(String... command) throws IOException {
    Process process = new ProcessBuilder(command).start();
    started.add(process);
    // bash must have exec'd into the stand-in before its command line is looked at.
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
        .until(() -> !process.info().command().orElse("").endsWith("bash"));
    return process;
  }

  private void writePid(String file, Process process) throws IOException {
    Path path = root.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, process.pid() + "\n");
  }
}
