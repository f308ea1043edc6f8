package dev.nestbed.aggregator.local;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Processes that stand in for a node's libvirtd and QEMUs, or for strangers that got their pids, as
 * {@link NodeDaemon} sees them in {@code /proc}. {@link #killAll()} ends them after a test.
 */
final class StandIns {
  /** A stand-in for a QEMU: argv[0] and {@code -name} as libvirt starts one, then it just waits. */
  private static final String FAKE_QEMU =
      "exec -a /usr/bin/qemu-system-x86_64 sh -c 'while :; do sleep 1; done' sh -name %s,debug-threads=on";

  private final List<Process> started = new ArrayList<>();

  /** A process that is nobody's: {@code sleep 30}. */
  Process sleeper() throws IOException {
    return start("sleep", "sleep", "30");
  }

  /** A QEMU as libvirt would start it for {@code domain}. */
  Process qemu(String domain) throws IOException {
    return start(
        "/usr/bin/qemu-system-x86_64", "bash", "-c", FAKE_QEMU.formatted("guest=" + domain));
  }

  /**
   * Starts {@code command} and waits until {@code argv[0]} in its {@code /proc} command line is
   * {@code argv0}, which is what {@link NodeDaemon} reads: bash must have exec'd into the stand-in
   * before its pid is written. (Its executable says nothing: it is still bash where /bin/sh is
   * bash.)
   */
  private Process start(String argv0, String... command) throws IOException {
    Process process = new ProcessBuilder(command).start();
    started.add(process);
    await("argv[0] of pid " + process.pid() + " to be " + argv0)
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(20))
        .failFast("the process exited", () -> !process.isAlive())
        .until(() -> argv0.equals(argv0Of(process)));
    return process;
  }

  private static String argv0Of(Process process) throws IOException {
    byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
    String text = new String(cmdline, StandardCharsets.UTF_8);
    int end = text.indexOf('\0');
    return end < 0 ? text : text.substring(0, end);
  }

  /** Writes {@code process}'s pid into {@code file}, as a daemon writes its pid file. */
  static void writePid(Path file, Process process) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, process.pid() + "\n");
  }

  void killAll() throws InterruptedException {
    for (Process process : started) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
