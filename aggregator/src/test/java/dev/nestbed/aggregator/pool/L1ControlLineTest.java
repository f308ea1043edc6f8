package dev.nestbed.aggregator.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.NestbedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control line's protocol, host side against the L1's own {@code nestbed-control} script run
 * here on pipes, with lines lost or garbled on purpose in between.
 */
class L1ControlLineTest {
  private static final Path SCRIPT =
      Path.of(System.getProperty("nestbed.home", ".."))
          .resolve("images/hypervisor/rootfs/usr/sbin/nestbed-control")
          .toAbsolutePath();
  private static final Duration PATIENCE = Duration.ofMillis(1500);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final List<ScriptLine> started = new ArrayList<>();

  @AfterEach
  void stopScripts() {
    started.forEach(ScriptLine::close);
  }

  @Test
  void aCommandRunsWithItsStatusAndOutput() {
    L1ControlLine control = control(script());
    assertEquals(
        new L1ControlLine.Result(3, "hi\nthere\n"),
        control.run("echo hi; echo there >&2; exit 3", TIMEOUT));
    assertEquals(
        new L1ControlLine.Result(0, ""),
        control.run("true", TIMEOUT),
        "an empty output is a reply too");
  }

  @Test
  void aLostRequestIsSentAgain() {
    ScriptLine script = script();
    L1ControlLine control = control(new Lossy(script, dropSends(1), text -> text));
    assertEquals("ok\n", control.output("echo ok", TIMEOUT));
    assertEquals(1, script.sent.get(), "the first send was lost, the second arrived");
  }

  @Test
  void aLostReplyIsAskedForAgainWithoutRunningTheCommandTwice() throws IOException {
    Path runs = dir.resolve("runs");
    AtomicInteger replies = new AtomicInteger();
    L1ControlLine control =
        control(
            new Lossy(
                script(),
                text -> text,
                text -> text.startsWith("NBX ") && replies.getAndIncrement() == 0 ? null : text));
    assertEquals("", control.output("echo once >> " + runs, TIMEOUT));
    assertEquals(List.of("once"), Files.readAllLines(runs));
  }

  @Test
  void aLostReplyToAQuickCommandIsAskedForAgainWithinATimeoutNoLongerThanTheReplyPatience() {
    AtomicInteger replies = new AtomicInteger();
    Duration replyPatience = Duration.ofSeconds(20);
    L1ControlLine control =
        new L1ControlLine(
            "big",
            new Lossy(
                script(),
                text -> text,
                text -> text.startsWith("NBX ") && replies.getAndIncrement() == 0 ? null : text),
            () -> {
              throw new AssertionError("the device was opened afresh");
            },
            PATIENCE,
            replyPatience);
    assertEquals("quick\n", control.output("echo quick", replyPatience));
    assertEquals(2, replies.get(), "the lost reply and the one sent again");
  }

  @Test
  void aGarbledRequestOrReplyIsSentAgain() throws IOException {
    Path runs = dir.resolve("runs");
    AtomicInteger requests = new AtomicInteger();
    AtomicInteger replies = new AtomicInteger();
    L1ControlLine control =
        control(
            new Lossy(
                script(),
                text ->
                    requests.getAndIncrement() == 0
                        ? text.substring(0, text.length() - 2) + "AA"
                        : text,
                text ->
                    text.startsWith("NBX ") && replies.getAndIncrement() == 0
                        ? text + "QQ"
                        : text));
    assertEquals("ran\n", control.output("echo ran >> " + runs + "; echo ran", TIMEOUT));
    assertEquals(
        List.of("ran"),
        Files.readAllLines(runs),
        "the garbled request was not run, the good one once");
  }

  @Test
  void aSilentDeviceIsOpenedAfresh() {
    ScriptLine script = script();
    AtomicInteger reopened = new AtomicInteger();
    L1ControlLine control =
        new L1ControlLine(
            "big",
            new Lossy(script, dropSends(Integer.MAX_VALUE), text -> text),
            () -> {
              reopened.incrementAndGet();
              return script;
            },
            PATIENCE,
            PATIENCE);
    assertEquals("back\n", control.output("echo back", TIMEOUT));
    assertEquals(1, reopened.get());
  }

  @Test
  void aLineThatNeverAnswersFailsNamingWhatItTried() {
    L1ControlLine control =
        new L1ControlLine(
            "big",
            new Lossy(script(), dropSends(Integer.MAX_VALUE), text -> text),
            () -> new Lossy(script(), dropSends(Integer.MAX_VALUE), text -> text),
            Duration.ofMillis(200),
            Duration.ofMillis(200));
    NestbedException e =
        assertThrows(
            NestbedException.class, () -> control.run("echo never", Duration.ofSeconds(2)));
    assertTrue(
        e.getMessage().contains("did not answer 'echo never' within 2000 ms (sent "),
        e.getMessage());
    assertTrue(e.getMessage().contains("never acknowledged"), e.getMessage());
  }

  @Test
  void aCommandPastItsLimitIsKilledAndTheLineServesTheNext() {
    L1ControlLine control = control(script());
    L1ControlLine.Result slow = control.run("echo started; sleep 60 & sleep 60", TIMEOUT);
    assertEquals(137, slow.exitStatus(), "killed after the script's limit: " + slow);
    assertEquals("next\n", control.output("echo next", TIMEOUT));
  }

  private L1ControlLine control(L1ControlLine.Line line) {
    return new L1ControlLine("big", line, () -> line, PATIENCE, PATIENCE);
  }

  private static UnaryOperator<String> dropSends(int count) {
    AtomicInteger seen = new AtomicInteger();
    return text -> seen.getAndIncrement() < count ? null : text;
  }

  private ScriptLine script() {
    try {
      ProcessBuilder builder =
          new ProcessBuilder("sh", SCRIPT.toString(), "/dev/stdin", "/dev/stdout")
              .redirectError(ProcessBuilder.Redirect.DISCARD);
      builder
          .environment()
          .put("NESTBED_CONTROL_DIR", dir.resolve("control-" + started.size()).toString());
      builder.environment().put("NESTBED_CONTROL_LIMIT", "2");
      ScriptLine line = new ScriptLine(builder.start());
      started.add(line);
      return line;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The script on pipes, read by a thread of its own. */
  private static final class ScriptLine implements L1ControlLine.Line {
    final Process process;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final AtomicInteger sent = new AtomicInteger();

    ScriptLine(Process process) {
      this.process = process;
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(
                            process.getInputStream(), StandardCharsets.US_ASCII))) {
                  in.lines().forEach(lines::add);
                } catch (IOException | UncheckedIOException e) {
                  // the script was stopped
                }
              });
      reader.setDaemon(true);
      reader.start();
    }

    @Override
    public void clear() {
      lines.clear();
    }

    @Override
    public void send(String line, String what) {
      sent.incrementAndGet();
      try {
        OutputStream out = process.getOutputStream();
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public Optional<String> next(Predicate<String> accept, Duration wait, String what) {
      long end = System.nanoTime() + wait.toNanos();
      try {
        while (true) {
          String line = lines.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
          if (line == null || accept.test(line)) {
            return Optional.ofNullable(line);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }

    @Override
    public void close() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  /**
   * Passes lines through {@code onSend} and {@code onReceive}, which may change or drop (null)
   * them.
   */
  private record Lossy(
      ScriptLine script, UnaryOperator<String> onSend, UnaryOperator<String> onReceive)
      implements L1ControlLine.Line {
    @Override
    public void clear() {
      script.clear();
    }

    @Override
    public void send(String line, String what) {
      String changed = onSend.apply(line);
      if (changed != null) {
        script.send(changed, what);
      }
    }

    @Override
    public Optional<String> next(Predicate<String> accept, Duration wait, String what) {
      long end = System.nanoTime() + wait.toNanos();
      while (true) {
        Optional<String> line =
            script.next(text -> true, Duration.ofNanos(Math.max(0, end - System.nanoTime())), what);
        if (line.isEmpty()) {
          return line;
        }
        String changed = onReceive.apply(line.get());
        if (changed != null && accept.test(changed)) {
          return Optional.of(changed);
        }
      }
    }

    @Override
    public void close() {
      // the script stays for the line opened afresh
    }
  }
}
