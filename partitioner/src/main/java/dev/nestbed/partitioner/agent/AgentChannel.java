package dev.nestbed.partitioner.agent;

import dev.nestbed.core.libvirt.ConsoleLines;
import dev.nestbed.core.libvirt.LibvirtDomain;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's end of the agent's serial line, opened through the partition's own libvirt connection
 * ({@link ConsoleLines} over the domain's console), so it reaches the guest wherever that
 * connection does. Heartbeats go into the {@link HeartbeatLog} as they arrive; every other line is
 * a reply to a request. When the line ends (the domain stopped, the connection was lost), a waiting
 * request fails at once with the reason instead of running into its timeout.
 */
public final class AgentChannel implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AgentChannel.class);
  private static final String HINT = "see the partition's console log and the node's libvirtd log";

  private final String partition;
  private final HeartbeatLog heartbeats;
  private final ConsoleLines line;

  /** What the line carried, for a wait that hears no heartbeat: which end was silent. */
  private final AtomicLong lines = new AtomicLong();

  private volatile @Nullable String lastOther;

  private AgentChannel(
      String partition, LibvirtDomain domain, String device, HeartbeatLog heartbeats) {
    this.partition = partition;
    this.heartbeats = heartbeats;
    this.line =
        ConsoleLines.open(domain, device, "the agent of partition " + partition, HINT, this::take);
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
  public static AgentChannel open(
      String partition, LibvirtDomain domain, String device, HeartbeatLog heartbeats) {
    return new AgentChannel(partition, domain, device, heartbeats);
  }

  public HeartbeatLog heartbeats() {
    return heartbeats;
  }

  /** Asks for the guest's online CPUs and memory. */
  public AgentStatus status(Duration timeout) {
    String reply = request("status", "ST", timeout);
    return AgentStatus.parse(reply, System.nanoTime());
  }

  /** Asks the agent to checksum and verify its memory pattern. */
  public MemoryChecksum checksum(Duration timeout) {
    return MemoryChecksum.parse(request("checksum", "CK", timeout));
  }

  /**
   * Sends one command line and returns the first reply line starting with {@code replyTag} (or
   * fails on an {@code ERR} reply). Lines that are not the reply (e.g. READY) are skipped.
   */
  public String request(String command, String replyTag, Duration timeout) {
    return line.request(
        command,
        reply -> reply.startsWith(replyTag + " ") || reply.equals(replyTag),
        reply -> reply.startsWith("ERR"),
        timeout,
        "'" + command + "'");
  }

  /** Why the line ended, if it did (and was not closed by {@link #close()}). */
  public Optional<String> ended() {
    return line.ended();
  }

  /** Heartbeats go to the log; everything else is left to the replies. */
  private boolean take(String text, long arrivalNanos) {
    lines.incrementAndGet();
    if (text.startsWith("HB ")) {
      parseHeartbeat(text, arrivalNanos).ifPresent(heartbeats::record);
      return true;
    }
    if (!text.isBlank()) {
      lastOther = text.length() > 120 ? text.substring(0, 120) + "..." : text;
      log.debug("agent {}: {}", partition, text);
    }
    return false;
  }

  /**
   * What the line carried so far, for a wait that heard no heartbeat: nothing at all (the guest's
   * agent never started, or nothing reached this end), or lines without a beat among them.
   */
  public String traffic() {
    long n = lines.get();
    String other = lastOther;
    return n == 0
        ? "its agent line has carried nothing since it was opened"
        : "its agent line has carried "
            + n
            + " lines"
            + (other == null ? "" : ", the last other than a heartbeat: '" + other + "'");
  }

  static Optional<Heartbeat> parseHeartbeat(String line, long hostNanos) {
    String[] words = line.trim().split("\\s+");
    if (words.length != 3) {
      return Optional.empty(); // a line garbled by a reconnect; the next beat follows in 10 ms
    }
    try {
      return Optional.of(
          new Heartbeat(Long.parseLong(words[1]), Long.parseLong(words[2]), hostNanos));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Closes the line and waits for its reader to end. Idempotent. */
  @Override
  public void close() {
    line.close();
  }
}
