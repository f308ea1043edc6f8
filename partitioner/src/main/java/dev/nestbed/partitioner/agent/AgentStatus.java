package dev.nestbed.partitioner.agent;

import dev.nestbed.core.value.DataSize;
import java.util.HashMap;
import java.util.Map;

/**
 * What the agent reports about its guest: how many CPUs are online and how much memory the kernel
 * manages (MemTotal, which shrinks when the balloon inflates).
 */
public record AgentStatus(
    int cpusOnline, String onlineCpuList, DataSize memTotal, DataSize memFree) {

  /** Parses {@code ST cpus_online=2 online=0-1 mem_total_kib=... mem_free_kib=... ...}. */
  static AgentStatus parse(String line) {
    Map<String, String> fields = fields(line, "ST");
    return new AgentStatus(
        Integer.parseInt(require(fields, "cpus_online", line)),
        fields.getOrDefault("online", ""),
        DataSize.ofKiB(Long.parseLong(require(fields, "mem_total_kib", line))),
        DataSize.ofKiB(Long.parseLong(require(fields, "mem_free_kib", line))));
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
