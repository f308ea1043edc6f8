package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SIGINT and SIGTERM reach the run as the exit codes they ask for, and the JVM keeps running. */
class InterruptSignalsTest {
  @Test
  void sigintAsks130AndSigtermAsks143() throws Exception {
    BlockingQueue<Integer> codes = new LinkedBlockingQueue<>();
    long self = ProcessHandle.current().pid();
    List<String> signals = new ArrayList<>(List.of("TERM"));
    // A shell without job control starts its background jobs with SIGINT ignored, and the JVM
    // keeps an ignored SIGINT ignored: then there is no SIGINT to catch (nor a Ctrl-C to send).
    if (!sigintIgnoredAtStart()) {
      signals.add(0, "INT");
    }
    // The test JVM gets its own handlers back afterwards: it must still die on SIGTERM.
    InterruptSignals.Restore handlers = InterruptSignals.onInterrupt(codes::add);
    try {
      for (String signal : signals) {
        assertEquals(
            0, new ProcessBuilder("kill", "-" + signal, Long.toString(self)).start().waitFor());
        Integer code = codes.poll(30, TimeUnit.SECONDS);
        assertEquals(signal.equals("INT") ? 130 : 143, code, "SIG" + signal);
      }
    } finally {
      handlers.restore();
    }
    assertTrue(ProcessHandle.current().isAlive());
  }

  /** Bit 1 (SIGINT) of the ignored-signals mask this process started with. */
  private static boolean sigintIgnoredAtStart() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 0b10) != 0;
      }
    }
    return false;
  }
}
