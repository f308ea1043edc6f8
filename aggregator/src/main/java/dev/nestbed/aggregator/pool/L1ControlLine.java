package dev.nestbed.aggregator.pool;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.libvirt.ConsoleLines;
import dev.nestbed.core.libvirt.LibvirtDomain;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs shell commands inside a nested pool's L1, over its second serial port opened through the
 * host node's libvirt (so nothing listens on any network); the L1's {@code nestbed-control} serves
 * it (see images/hypervisor/README.md for the protocol). Every line carries the MD5 of its base64
 * text, the L1 acknowledges a request before it runs it, and answers a request it has already done
 * with the same reply without running it again. So this side recovers from a line that loses bytes
 * or whole lines under load, by sending the request again: when no acknowledgement came within
 * {@link #ACK_PATIENCE}, when no reply came after it (waiting the acknowledgement's patience, then
 * twice that, and so on up to {@link #REPLY_PATIENCE}, so that a lost reply to a quick command is
 * asked for again well within any caller's timeout), or when either arrived garbled. After {@link
 * #REOPEN_AFTER} waits of the full patience without any answer the device is opened afresh.
 * Commands run with stdout and stderr together, at most 4 MiB, killed after 120 s inside. It is how
 * nestbed reads what only the L1 knows: its libvirtd's log, the L2 consoles, numastat of a
 * partition's QEMU.
 */
public final class L1ControlLine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(L1ControlLine.class);

  /** The device on the host's side (libvirt's alias) and the guest's tty behind it. */
  static final String DEVICE = "serial1";

  static final String GUEST_TTY = "ttyS1";
  static final Duration ACK_PATIENCE = Duration.ofSeconds(10);
  static final Duration REPLY_PATIENCE = Duration.ofSeconds(30);
  static final int REOPEN_AFTER = 3;
  private static final int MAX_GARBLED = 5;
  private static final String HINT =
      "see the 'nestbed-l1: control:' lines of the pool's L1 console log under the run's logs";

  /** A command's exit status and output (stdout and stderr interleaved). */
  public record Result(int exitStatus, String output) {}

  /** What the protocol needs of a line of text each way; {@link ConsoleLines} in production. */
  interface Line extends AutoCloseable {
    void clear();

    void send(String line, String what);

    /**
     * The next line {@code accept} takes within {@code wait}, or empty; throws when the line ended.
     */
    Optional<String> next(Predicate<String> accept, Duration wait, String what);

    @Override
    void close();
  }

  private final String pool;
  private final Supplier<Line> reopen;
  private final Duration ackPatience;
  private final Duration replyPatience;

  /** Tells this line's requests from those of an earlier nestbed process that used the same L1. */
  private final String session =
      Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);

  private long requests;
  private Line line;

  L1ControlLine(
      String pool, Line line, Supplier<Line> reopen, Duration ackPatience, Duration replyPatience) {
    this.pool = pool;
    this.line = line;
    this.reopen = reopen;
    this.ackPatience = ackPatience;
    this.replyPatience = replyPatience;
  }

  static L1ControlLine open(String pool, LibvirtDomain l1) {
    String peer = "the control line of pool " + pool + "'s L1";
    return new L1ControlLine(
        pool,
        new OnConsole(ConsoleLines.open(l1, DEVICE, peer, HINT, (text, at) -> false)),
        () -> new OnConsole(ConsoleLines.reopen(l1, DEVICE, peer, HINT, (text, at) -> false)),
        ACK_PATIENCE,
        REPLY_PATIENCE);
  }

  /** Runs {@code command} with {@code sh} inside the L1 and returns its status and output. */
  public synchronized Result run(String command, Duration timeout) {
    String id = session + "-" + ++requests;
    String base64 = Base64.getEncoder().encodeToString(command.getBytes(StandardCharsets.UTF_8));
    String request = "NBQ " + id + " " + md5(base64) + " " + base64;
    String what = "'" + firstWords(command) + "'";
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    int sends = 0;
    int silences = 0;
    int garbled = 0;
    int replyWaits = 0;
    long ackedAt = -1;
    line.clear();
    line.send(request, what);
    sends++;
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new NestbedException(
            String.format(
                "the control line of pool %s's L1 did not answer %s within %d ms"
                    + " (sent %d times; %s)",
                pool,
                what,
                timeout.toMillis(),
                sends,
                ackedAt < 0
                    ? "never acknowledged"
                    : "acknowledged after " + seconds(ackedAt - start) + ", no reply since"),
            HINT);
      }
      Duration fullPatience = ackedAt < 0 ? ackPatience : replyPatience;
      Duration patience =
          Duration.ofNanos(
              Math.min(left, (ackedAt < 0 ? ackPatience : replyPatience(replyWaits++)).toNanos()));
      Optional<String> answer = line.next(text -> id.equals(idOf(text)), patience, what);
      if (answer.isPresent() && answer.get().startsWith("NBA ")) {
        ackedAt = ackedAt < 0 ? System.nanoTime() : ackedAt;
        silences = 0;
        continue;
      }
      if (answer.isPresent() && answer.get().startsWith("NBX ")) {
        Optional<Result> result = parse(answer.get());
        if (result.isPresent()) {
          return result.get();
        }
      }
      // Silence, a garbled reply, or the L1 saying it got the request garbled: send it again. The
      // L1 runs a request it has not done and sends the reply again for one it has.
      if (answer.isPresent()) {
        silences = 0;
        if (++garbled > MAX_GARBLED) {
          throw new NestbedException(
              String.format(
                  "the control line of pool %s's L1 garbled %s or its reply %d times",
                  pool, what, garbled),
              HINT);
        }
        log.debug(
            "control line of pool {}'s L1: {} ({} characters) for {}; sending it again",
            pool,
            answer.get().startsWith("NBG ") ? "the L1 got the request garbled" : "a garbled reply",
            answer.get().length(),
            what);
      } else if (patience.compareTo(fullPatience) >= 0 && ++silences >= REOPEN_AFTER) {
        // only waits of the full patience count: the early asks for a reply are no sign of a dead
        // device, and a command may run for up to 120 s inside
        log.info(
            "control line of pool {}'s L1: no answer to {} sends of {}; opening the device afresh",
            pool,
            silences,
            what);
        line.close();
        line = reopen.get();
        silences = 0;
      }
      line.send(request, what);
      sends++;
    }
  }

  /**
   * How long to wait for a reply the {@code waits}-th time since the acknowledgement. A command
   * that still runs is not run again however often it is asked for, but each ask gets its reply
   * once more when it is done: asking early costs a duplicate reply (dropped here by its id) for
   * each ask, and waiting the full patience first costs a lost reply to a quick command the
   * caller's whole timeout.
   */
  private Duration replyPatience(int waits) {
    Duration patience = ackPatience.multipliedBy(1L << Math.min(waits, 20));
    return patience.compareTo(replyPatience) < 0 ? patience : replyPatience;
  }

  private static String idOf(String text) {
    String[] words = text.split(" ", 3);
    return words.length >= 2 && words[0].startsWith("NB") ? words[1] : "";
  }

  /** As {@link #run}, but a non-zero exit status is an error naming the command and its output. */
  public String output(String command, Duration timeout) {
    Result result = run(command, timeout);
    if (result.exitStatus() != 0) {
      throw new NestbedException(
          String.format(
              "'%s' failed inside the L1 of pool %s (exit status %d): %s",
              firstWords(command), pool, result.exitStatus(), result.output().strip()));
    }
    return result.output();
  }

  /** A reply {@code NBX ID STATUS MD5 BASE64}, or empty when it does not hold together. */
  static Optional<Result> parse(String reply) {
    String[] words = reply.strip().split(" ", 5);
    if (words.length < 4) {
      return Optional.empty();
    }
    String base64 = words.length == 5 ? words[4].strip() : "";
    if (!md5(base64).equals(words[3])) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Result(
              Integer.parseInt(words[2]),
              new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static String md5(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }

  private static String seconds(long nanos) {
    return String.format("%.1f s", nanos / 1e9);
  }

  private static String firstWords(String command) {
    String text = command.strip().lines().findFirst().orElse("");
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }

  @Override
  public synchronized void close() {
    line.close();
  }

  /** The production line: the L1's serial port through libvirt. */
  private record OnConsole(ConsoleLines lines) implements Line {
    @Override
    public void clear() {
      lines.clear();
    }

    @Override
    public void send(String text, String what) {
      lines.send(text, what);
    }

    @Override
    public Optional<String> next(Predicate<String> accept, Duration wait, String what) {
      return lines.next(accept, wait, what);
    }

    @Override
    public void close() {
      lines.close();
    }
  }
}
