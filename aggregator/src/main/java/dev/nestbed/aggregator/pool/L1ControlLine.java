package dev.nestbed.aggregator.pool;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.libvirt.ConsoleLines;
import dev.nestbed.core.libvirt.LibvirtDomain;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs shell commands inside a nested pool's L1, over its second serial port opened through the
 * host node's libvirt (so nothing listens on any network). The L1's init serves it when booted
 * with {@code nestbed.control=ttyS1}; one request line {@code ID BASE64(command)}, one reply line
 * {@code NBX ID EXIT-STATUS BASE64(output)}, with stdout and stderr together, at most 4 MiB, and
 * the command killed after 120 s inside. It is how nestbed reads what only the L1 knows: its
 * libvirtd's log, the L2 consoles, numastat of a partition's QEMU.
 */
public final class L1ControlLine implements AutoCloseable {
  /** The device on the host's side (libvirt's alias) and the guest's tty behind it. */
  static final String DEVICE = "serial1";
  static final String GUEST_TTY = "ttyS1";

  /** A command's exit status and output (stdout and stderr interleaved). */
  public record Result(int exitStatus, String output) {}

  private final String pool;
  private final ConsoleLines lines;
  private final AtomicLong ids = new AtomicLong();

  private L1ControlLine(String pool, ConsoleLines lines) {
    this.pool = pool;
    this.lines = lines;
  }

  static L1ControlLine open(String pool, LibvirtDomain l1) {
    return new L1ControlLine(pool, ConsoleLines.open(l1, DEVICE, "the control line of pool " + pool + "'s L1",
        "see the pool's L1 console log under the run's logs", (line, at) -> false));
  }

  /** Runs {@code command} with {@code sh} inside the L1 and returns its status and output. */
  public Result run(String command, Duration timeout) {
    String id = Long.toString(ids.incrementAndGet());
    String request = id + " " + Base64.getEncoder().encodeToString(command.getBytes(StandardCharsets.UTF_8));
    String reply = lines.request(request, line -> line.startsWith("NBX " + id + " "), line -> false, timeout,
        "'" + firstWords(command) + "'");
    return parse(reply, pool);
  }

  /** As {@link #run}, but a non-zero exit status is an error naming the command and its output. */
  public String output(String command, Duration timeout) {
    Result result = run(command, timeout);
    if (result.exitStatus() != 0) {
      throw new NestbedException(String.format("'%s' failed inside the L1 of pool %s (exit status %d): %s",
          firstWords(command), pool, result.exitStatus(), result.output().strip()));
    }
    return result.output();
  }

  static Result parse(String reply, String pool) {
    String[] words = reply.split(" ", 4);
    try {
      String output = words.length < 4 ? "" : new String(Base64.getDecoder().decode(words[3].strip()),
          StandardCharsets.UTF_8);
      return new Result(Integer.parseInt(words[2]), output);
    } catch (RuntimeException e) {
      throw new NestbedException("garbled reply on the control line of pool " + pool + ": "
          + reply.substring(0, Math.min(reply.length(), 80)), "see the pool's L1 console log", e);
    }
  }

  private static String firstWords(String command) {
    String line = command.strip().lines().findFirst().orElse("");
    return line.length() <= 60 ? line : line.substring(0, 57) + "...";
  }

  @Override
  public void close() {
    lines.close();
  }
}
