package dev.nestbed.partitioner.agent;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.libvirt.DomainConsoleStream;
import dev.nestbed.core.libvirt.LibvirtDomain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's end of the agent's serial line, opened through the partition's own libvirt
 * connection (a {@link DomainConsoleStream}), so it reaches the guest wherever that connection
 * does. A reader thread files heartbeats into the {@link HeartbeatLog} and every other line into
 * a reply queue; requests write one command line and wait for the reply with the expected tag.
 * When the line ends (the domain stopped, the connection was lost), waiting requests fail at
 * once with the reason instead of running into their timeout.
 */
public final class AgentChannel implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AgentChannel.class);
  /** Put into the reply queue by the reader when the line ends, to wake a waiting request. */
  private static final String LINE_ENDED = "\0line-ended";
  private static final Duration READER_EXIT = Duration.ofSeconds(3);

  private final String partition;
  private final DomainConsoleStream line;
  private final HeartbeatLog heartbeats;
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
  private final Thread reader;
  private volatile boolean closed;
  private volatile String ended;

  private AgentChannel(String partition, DomainConsoleStream line, HeartbeatLog heartbeats) {
    this.partition = partition;
    this.line = line;
    this.heartbeats = heartbeats;
    this.reader = new Thread(this::readLines, "agent-" + partition);
    this.reader.setDaemon(true);
    this.reader.start();
  }

  /**
   * Opens the agent's line, the domain's {@code device}, through the domain's libvirt connection.
   * Open it right after the domain starts: QEMU drops what the guest writes while nobody has the
   * line open, and the agent starts beating seconds later, once the guest has booted.
   */
  public static AgentChannel open(String partition, LibvirtDomain domain, String device) {
    return open(partition, domain, device, new HeartbeatLog());
  }

  /**
   * As {@link #open(String, LibvirtDomain, String)}, filing heartbeats into an existing log: the
   * same guest heard at a new place after a live migration, its beats in one log.
   */
  public static AgentChannel open(String partition, LibvirtDomain domain, String device, HeartbeatLog heartbeats) {
    return new AgentChannel(partition, domain.openConsole(device), heartbeats);
  }

  public HeartbeatLog heartbeats() {
    return heartbeats;
  }

  /** Asks for the guest's online CPUs and memory. */
  public AgentStatus status(Duration timeout) {
    return AgentStatus.parse(request("status", "ST", timeout));
  }

  /** Asks the agent to checksum and verify its memory pattern. */
  public MemoryChecksum checksum(Duration timeout) {
    return MemoryChecksum.parse(request("checksum", "CK", timeout));
  }

  /**
   * Sends one command line and returns the first reply line starting with {@code replyTag} (or
   * fails on an {@code ERR} reply). Lines that are not the reply (e.g. READY) are skipped.
   */
  public synchronized String request(String command, String replyTag, Duration timeout) {
    replies.clear();
    failIfEnded(command); // after clear(): a line that ends from here on leaves LINE_ENDED in the queue
    try {
      line.output().write((command + "\n").getBytes(StandardCharsets.US_ASCII));
      long end = System.nanoTime() + timeout.toNanos();
      while (true) {
        long left = end - System.nanoTime();
        String reply = left > 0 ? replies.poll(left, TimeUnit.NANOSECONDS) : null;
        if (reply == null) {
          throw new NestbedException(String.format("the agent of partition %s did not answer '%s' within %d ms",
              partition, command, timeout.toMillis()), "is the guest still running? see its console log");
        }
        if (reply == LINE_ENDED) {
          failIfEnded(command);
        }
        if (reply.startsWith(replyTag + " ") || reply.equals(replyTag)) {
          return reply;
        }
        if (reply.startsWith("ERR")) {
          throw new NestbedException("the agent of partition " + partition + " refused '" + command + "': " + reply);
        }
      }
    } catch (IOException e) {
      // The write can see the end of the line before the reader does; the reader's reason (the
      // domain stopped, the connection was lost) is the better one, and follows within moments.
      awaitReaderEnd(Duration.ofSeconds(1));
      failIfEnded(command);
      throw new NestbedException("cannot talk to the agent of partition " + partition + ": its serial line was lost: "
          + e.getMessage(), "see the partition's console log and the node's libvirtd log", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NestbedException("interrupted while waiting for the agent of partition " + partition);
    }
  }

  /** Why the line ended, if it did (and was not closed by {@link #close()}). */
  public Optional<String> ended() {
    return closed ? Optional.empty() : Optional.ofNullable(ended);
  }

  private void failIfEnded(String command) {
    if (closed) {
      throw new NestbedException("the agent channel of partition " + partition + " is closed; cannot send '"
          + command + "'");
    }
    if (ended != null) {
      throw new NestbedException("cannot talk to the agent of partition " + partition + ": " + ended,
          "see the partition's console log and the node's libvirtd log");
    }
  }

  private void readLines() {
    String why = "its serial line ended: the domain stopped (or libvirt closed its console)";
    try (BufferedReader in = new BufferedReader(new InputStreamReader(line.input(), StandardCharsets.US_ASCII))) {
      String text;
      while ((text = in.readLine()) != null) {
        long now = System.nanoTime();
        if (text.startsWith("HB ")) {
          parseHeartbeat(text, now).ifPresent(heartbeats::record);
        } else if (!text.isBlank()) {
          log.debug("agent {}: {}", partition, text);
          replies.add(text.strip());
        }
      }
    } catch (IOException e) {
      why = "its serial line was lost: " + e.getMessage();
    } finally {
      ended = why;
      replies.add(LINE_ENDED);
      if (!closed) {
        log.debug("agent channel of {}: {}", partition, why);
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

  static Optional<Heartbeat> parseHeartbeat(String line, long hostNanos) {
    String[] words = line.trim().split("\\s+");
    if (words.length != 3) {
      return Optional.empty(); // a line garbled by a reconnect; the next beat follows in 10 ms
    }
    try {
      return Optional.of(new Heartbeat(Long.parseLong(words[1]), Long.parseLong(words[2]), hostNanos));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Closes the line and waits for the reader thread to end. Idempotent. */
  @Override
  public void close() {
    closed = true;
    line.close();
    awaitReaderEnd(READER_EXIT);
    if (reader.isAlive()) {
      log.warn("the reader of the agent channel of {} did not end within {} ms", partition, READER_EXIT.toMillis());
    }
  }
}
