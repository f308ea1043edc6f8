package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    // The test JVM gets its own handlers back afterwards: it must still die on SIGTERM.
    InterruptSignals.Restore handlers = InterruptSignals.onInterrupt(codes::add);
    try {
      for (String signal : new String[] {"INT", "TERM"}) {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(self)).start().waitFor());
        Integer code = codes.poll(30, TimeUnit.SECONDS);
        assertEquals(signal.equals("INT") ? 130 : 143, code, "SIG" + signal);
      }
    } finally {
      handlers.restore();
    }
    assertTrue(ProcessHandle.current().isAlive());
  }
}
