package dev.nestbed.partitioner.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.value.DataSize;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent's line protocol, as documented in images/partition/README.md. */
class AgentLinesTest {
  @Test
  void parsesAStatusLine() {
    AgentStatus status =
        AgentStatus.parse(
            "ST cpus_online=2 online=0-1 mem_total_kib=210468 mem_free_kib=150000 ws=33554432 dirty=4194304 hb_seq=812 dirtied=8192",
            0);
    assertEquals(2, status.cpusOnline());
    assertEquals("0-1", status.onlineCpuList());
    assertEquals(DataSize.ofKiB(210468), status.memTotal());
    assertEquals(8192, status.dirtiedBytes());
  }

  @Test
  void theAchievedDirtyRateIsWhatTheWorkloadWroteOverTheTimeBetweenTwoReplies() {
    String line = "ST cpus_online=1 online=0 mem_total_kib=1 mem_free_kib=1 dirtied=";
    AgentStatus before = AgentStatus.parse(line + 1_000_000, 1_000_000_000L);
    AgentStatus after = AgentStatus.parse(line + 3_000_000, 1_500_000_000L);
    assertEquals(4_000_000.0, after.dirtyRateSince(before, Duration.ZERO).orElseThrow(), 1e-6);
    // 100 ms of the 500 paused: 2 MB over 400 ms
    assertEquals(
        5_000_000.0, after.dirtyRateSince(before, Duration.ofMillis(100)).orElseThrow(), 1e-6);
    AgentStatus old = AgentStatus.parse("ST cpus_online=1 mem_total_kib=1 mem_free_kib=1", 0);
    assertEquals(-1, old.dirtiedBytes());
    assertTrue(after.dirtyRateSince(old, Duration.ZERO).isEmpty(), "an agent that does not count");
    assertTrue(after.dirtyRateSince(after, Duration.ZERO).isEmpty(), "no time passed");
    assertEquals(-1, AgentStatus.parse(line, 0).dirtiedBytes(), "a line cut after dirtied=");
  }

  @Test
  void parsesAChecksumLine() {
    MemoryChecksum ck = MemoryChecksum.parse("CK 9e3779b97f4a7c15 bytes=33554432 bad_words=0");
    assertEquals("9e3779b97f4a7c15", ck.value());
    assertTrue(ck.intact());
    assertFalse(MemoryChecksum.parse("CK 00 bytes=8 bad_words=1").intact());
  }

  @Test
  void aWrongOrIncompleteLineIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> AgentStatus.parse("PONG", 0));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> AgentStatus.parse("ST cpus_online=1", 0));
    assertEquals("agent line lacks 'mem_total_kib': ST cpus_online=1", e.getMessage());
  }

  @Test
  void heartbeatsParseAndFragmentsAfterAReconnectAreSkipped() {
    assertEquals(
        new Heartbeat(7, 70_000_000, 5),
        AgentChannel.parseHeartbeat("HB 7 70000000", 5).orElseThrow());
    assertTrue(AgentChannel.parseHeartbeat("HB 7", 5).isEmpty());
    assertTrue(AgentChannel.parseHeartbeat("HB x 1", 5).isEmpty());
  }

  @Test
  void theLargestGapAndMissingBeatsAreMeasuredOnTheHostClock() {
    HeartbeatLog log = new HeartbeatLog();
    List.of(
            new Heartbeat(1, 10, 1_000_000),
            new Heartbeat(2, 20, 11_000_000),
            new Heartbeat(5, 30, 311_000_000),
            new Heartbeat(6, 40, 321_000_000))
        .forEach(log::record);
    assertEquals(Duration.ofMillis(300), log.maxArrivalGap());
    assertEquals(2, log.missing());
    assertEquals(4, log.count());
  }
}
