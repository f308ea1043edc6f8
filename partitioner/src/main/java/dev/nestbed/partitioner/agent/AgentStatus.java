package dev.nestbed.partitioner.agent;

import dev.nestbed.core.value.DataSize;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the agent reports about its guest: how many CPUs are online, how much memory the kernel
 * manages (MemTotal, which shrinks when the balloon inflates), and how much its workload has
 * written.
 *
 * @param dirtiedBytes what the memory workload has written since the agent began; -1 from an agent
 *     that does not count it
 * @param receivedNanos when the reply arrived here ({@link System#nanoTime()})
 */
public record AgentStatus(
    int cpusOnline,
    String onlineCpuList,
    DataSize memTotal,
    DataSize memFree,
    long dirtiedBytes,
    long receivedNanos) {

  /**
   * Parses {@code ST cpus_online=2 online=0-1 mem_total_kib=... mem_free_kib=... ... dirtied=...}.
   */
  static AgentStatus parse(String line, long receivedNanos) {
    Map<String, String> fields = fields(line, "ST");
    return new AgentStatus(
        Integer.parseInt(require(fields, "cpus_online", line)),
        fields.getOrDefault("online", ""),
        DataSize.ofKiB(Long.parseLong(require(fields, "mem_total_kib", line))),
        DataSize.ofKiB(Long.parseLong(require(fields, "mem_free_kib", line))),
        counter(fields.get("dirtied")),
        receivedNanos);
  }

  /**
   * A counter the agent reports, or -1 when it does not: a line the agent had to cut short (it
   * gives up on a slow channel) can end inside the number, so it is not trusted without its digits.
   */
  private static long counter(@Nullable String value) {
    if (value == null || !value.matches("[0-9]{1,18}")) {
      return -1;
    }
    return Long.parseLong(value);
  }

  /**
   * The rate at which the workload wrote memory between {@code earlier} and this status, in bytes
   * per second of this machine's clock, leaving out {@code paused} (time the guest could not
   * write): what the guest achieved, which under emulation can fall short of the rate it was given.
   * Empty when the agent does not count, or no time passed.
   */
  public Optional<Double> dirtyRateSince(AgentStatus earlier, Duration paused) {
    long bytes = dirtiedBytes - earlier.dirtiedBytes;
    long nanos = receivedNanos - earlier.receivedNanos - paused.toNanos();
    if (dirtiedBytes < 0 || earlier.dirtiedBytes < 0 || bytes < 0 || nanos <= 0) {
      return Optional.empty();
    }
    return Optional.of(bytes / (nanos / 1e9));
  }

  static Map<String, String> fields(String line, String tag) {
    String[] words = line.trim().split("\\s+");
    if (words.length == 0 || !words[0].equals(tag)) {
      throw new IllegalArgumentException(
          "expected a '" + tag + "' line from the agent, got: " + line);
    }
    Map<String, String> fields = new HashMap<>();
    for (int i = 1; i < words.length; i++) {
      int eq = words[i].indexOf('=');
      if (eq > 0) {
        fields.put(words[i].substring(0, eq), words[i].substring(eq + 1));
      }
    }
    return fields;
  }

  static String require(Map<String, String> fields, String key, String line) {
    String value = fields.get(key);
    if (value == null) {
      throw new IllegalArgumentException("agent line lacks '" + key + "': " + line);
    }
    return value;
  }
}
