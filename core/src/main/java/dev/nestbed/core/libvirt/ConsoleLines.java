package dev.nestbed.core.libvirt;

import dev.nestbed.core.NestbedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A line protocol over a domain's character device (a {@link DomainConsoleStream}): a reader thread
 * hands every line to a listener, which may keep it (a heartbeat, say); the lines it leaves go to a
 * reply queue. {@link #request} writes one line and waits for the first reply that matches. When
 * the device ends (the domain stopped, the connection was lost), a waiting request fails at once
 * with the reason instead of running into its timeout.
 */
public final class ConsoleLines implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConsoleLines.class);

  /** Put into the reply queue by the reader when the line ends, to wake a waiting request. */
  private static final String LINE_ENDED = "\0line-ended";

  private static final Duration READER_EXIT = Duration.ofSeconds(3);

  /** Sees every line as it arrives, with the host's {@link System#nanoTime()} of its arrival. */
  @FunctionalInterface
  public interface Listener {
    /** Returns true if it took the line; false leaves it to the replies. */
    boolean take(String line, long arrivalNanos);
  }

  private final String peer;
  private final String hint;
  private final DomainConsoleStream device;
  private final Listener listener;
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
  private final Thread reader;
  private volatile boolean closed;
  private volatile @Nullable String ended;

  private ConsoleLines(
      String name, String peer, String hint, DomainConsoleStream device, Listener listener) {
    this.peer = peer;
    this.hint = hint;
    this.device = device;
    this.listener = listener;
    this.reader = new Thread(this::readLines, name);
    this.reader.setDaemon(true);
    this.reader.start();
  }

  /**
   * Opens {@code device} of the running {@code domain} through its libvirt connection. Its reader
   * thread is named {@code console-DOMAIN-DEVICE}.
   *
   * @param peer who answers on the line, for messages ("the agent of partition p1")
   * @param hint what to look at when the line is lost ("see the partition's console log")
   */
  public static ConsoleLines open(
      LibvirtDomain domain, String device, String peer, String hint, Listener listener) {
    return over(domain, device, peer, hint, domain.openConsole(device), listener);
  }

  /** As {@link #open}, taking the device over from a stream of ours that may still hold it. */
  public static ConsoleLines reopen(
      LibvirtDomain domain, String device, String peer, String hint, Listener listener) {
    return over(domain, device, peer, hint, domain.takeOverConsole(device), listener);
  }

  private static ConsoleLines over(
      LibvirtDomain domain,
      String device,
      String peer,
      String hint,
      DomainConsoleStream stream,
      Listener listener) {
    return new ConsoleLines(
        "console-" + domain.name() + "-" + device, peer, hint, stream, listener);
  }

  /**
   * Writes {@code line} and returns the first reply line that {@code isReply} accepts; replies that
   * {@code isRefusal} accepts fail the request with their text. Other lines are skipped.
   */
  public synchronized String request(
      String line,
      Predicate<String> isReply,
      Predicate<String> isRefusal,
      Duration timeout,
      String what) {
    clear();
    send(line, what);
    String reply =
        next(isReply.or(isRefusal), timeout, what)
            .orElseThrow(
                () ->
                    new NestbedException(
                        String.format(
                            "%s did not answer %s within %d ms", peer, what, timeout.toMillis()),
                        hint));
    if (!isReply.test(reply)) {
      throw new NestbedException(peer + " refused " + what + ": " + reply);
    }
    return reply;
  }

  /** Forgets the reply lines that arrived so far. */
  public void clear() {
    replies.clear();
  }

  /** Writes one line; fails at once when the line has ended. */
  public void send(String line, String what) {
    failIfEnded(what);
    try {
      device.output().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      // The write can see the end of the line before the reader does; the reader's reason (the
      // domain stopped, the connection was lost) is the better one, and follows within moments.
      awaitReaderEnd(Duration.ofSeconds(1));
      failIfEnded(what);
      throw new NestbedException(
          "cannot talk to " + peer + ": its line was lost: " + e.getMessage(), hint, e);
    }
  }

  /**
   * The next reply line that {@code accept} takes, skipping others, or empty when none comes within
   * {@code wait}. Fails at once when the line ends.
   */
  @SuppressWarnings("ReferenceEquality") // LINE_ENDED is a sentinel, compared by identity
  public Optional<String> next(Predicate<String> accept, Duration wait, String what) {
    long end = System.nanoTime() + wait.toNanos();
    try {
      while (true) {
        // after a clear(): a line that ends from here on leaves LINE_ENDED in the queue
        failIfEnded(what);
        long left = end - System.nanoTime();
        String reply = left > 0 ? replies.poll(left, TimeUnit.NANOSECONDS) : null;
        if (reply == null) {
          return Optional.empty();
        }
        if (reply == LINE_ENDED) {
          failIfEnded(what);
        } else if (accept.test(reply)) {
          return Optional.of(reply);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NestbedException("interrupted while waiting for " + peer);
    }
  }

  /** Why the line ended, if it did (and was not closed by {@link #close()}). */
  public Optional<String> ended() {
    return closed ? Optional.empty() : Optional.ofNullable(ended);
  }

  private void failIfEnded(String what) {
    if (closed) {
      throw new NestbedException("the line to " + peer + " is closed; cannot send " + what);
    }
    if (ended != null) {
      throw new NestbedException("cannot talk to " + peer + ": " + ended, hint);
    }
  }

  private void readLines() {
    String why = "its line ended: the domain stopped (or libvirt closed its console)";
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(device.input(), StandardCharsets.US_ASCII))) {
      String text;
      while ((text = in.readLine()) != null) {
        if (!listener.take(text, System.nanoTime()) && !text.isBlank()) {
          replies.add(text.strip());
        }
      }
    } catch (IOException e) {
      why = "its line was lost: " + e.getMessage();
    } finally {
      ended = why;
      replies.add(LINE_ENDED);
      if (!closed) {
        log.debug("line to {}: {}", peer, why);
      }
    }
  }

  private void awaitReaderEnd(Duration atMost) {
    try {
      reader.join(atMost.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Closes the line and waits for the reader thread to end. Idempotent. */
  @Override
  public void close() {
    closed = true;
    device.close();
    awaitReaderEnd(READER_EXIT);
    if (reader.isAlive()) {
      log.warn(
          "the reader of the line to {} did not end within {} ms", peer, READER_EXIT.toMillis());
    }
  }
}
