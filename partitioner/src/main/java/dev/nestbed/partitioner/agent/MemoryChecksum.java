package dev.nestbed.partitioner.agent;

import java.util.Map;

/**
 * The agent's checksum of its working set, and how many words broke the expected pattern. Equal
 * checksums with zero bad words before and after a migration prove no byte was lost.
 */
public record MemoryChecksum(String value, long bytes, long badWords) {

  public boolean intact() {
    return badWords == 0;
  }

  /** Parses {@code CK <hex64> bytes=<n> bad_words=<k>}. */
  static MemoryChecksum parse(String line) {
    String[] words = line.trim().split("\\s+");
    if (words.length < 2 || !words[0].equals("CK")) {
      throw new IllegalArgumentException("expected a 'CK' line from the agent, got: " + line);
    }
    Map<String, String> fields = AgentStatus.fields(line, "CK");
    return new MemoryChecksum(
        words[1],
        Long.parseLong(AgentStatus.require(fields, "bytes", line)),
        Long.parseLong(AgentStatus.require(fields, "bad_words", line)));
  }
}
