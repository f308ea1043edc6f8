package dev.nestbed.partitioner.agent;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.wait.Poll;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's end of the agent's serial line (a QEMU unix-socket chardev). A reader thread files
 * heartbeats into the {@link HeartbeatLog} and every other line into a reply queue; requests
 * write one command line and wait for the reply with the expected tag.
 */
public final class AgentChannel implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AgentChannel.class);

  private final String partition;
  private final SocketChannel socket;
  private final HeartbeatLog heartbeats = new HeartbeatLog();
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
  private final Thread reader;
  private volatile boolean closed;

  private AgentChannel(String partition, SocketChannel socket) {
    this.partition = partition;
    this.socket = socket;
    this.reader = new Thread(this::readLines, "agent-" + partition);
    this.reader.setDaemon(true);
    this.reader.start();
  }

  /** Connects to the socket QEMU serves, retrying until it exists or the deadline passes. */
  public static AgentChannel connect(String partition, Path socketPath, Duration deadline) {
    SocketChannel socket = Poll.<SocketChannel>waitingFor("the agent socket of partition " + partition
            + " at " + socketPath)
        .atMost(deadline)
        .every(Duration.ofMillis(50))
        .until(() -> {
          try {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socketPath));
            return Optional.of(channel);
          } catch (IOException e) {
            throw new NestbedException(e.toString());
          }
        });
    return new AgentChannel(partition, socket);
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
    try {
      ByteBuffer line = ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII));
      while (line.hasRemaining()) {
        socket.write(line);
      }
      long end = System.nanoTime() + timeout.toNanos();
      while (true) {
        long left = end - System.nanoTime();
        String reply = left > 0 ? replies.poll(left, TimeUnit.NANOSECONDS) : null;
        if (reply == null) {
          throw new NestbedException(String.format("the agent of partition %s did not answer '%s' within %d ms",
              partition, command, timeout.toMillis()), "is the guest still running? see its console log");
        }
        if (reply.startsWith(replyTag + " ") || reply.equals(replyTag)) {
          return reply;
        }
        if (reply.startsWith("ERR")) {
          throw new NestbedException("the agent of partition " + partition + " refused '" + command + "': " + reply);
        }
      }
    } catch (IOException e) {
      throw new NestbedException("cannot talk to the agent of partition " + partition + ": " + e.getMessage(),
          "is the guest still running? see its console log", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NestbedException("interrupted while waiting for the agent of partition " + partition);
    }
  }

  private void readLines() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        Channels.newInputStream(socket), StandardCharsets.US_ASCII))) {
      String line;
      while ((line = in.readLine()) != null) {
        long now = System.nanoTime();
        if (line.startsWith("HB ")) {
          parseHeartbeat(line, now).ifPresent(heartbeats::record);
        } else if (!line.isBlank()) {
          log.debug("agent {}: {}", partition, line);
          replies.add(line.strip());
        }
      }
    } catch (IOException e) {
      if (!closed) {
        log.debug("agent channel of {} closed: {}", partition, e.getMessage());
      }
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

  @Override
  public void close() {
    closed = true;
    try {
      socket.close();
      reader.join(Duration.ofSeconds(2).toMillis());
    } catch (IOException e) {
      log.debug("closing agent channel of {}: {}", partition, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
