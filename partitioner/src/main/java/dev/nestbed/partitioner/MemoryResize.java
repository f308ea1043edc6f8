package dev.nestbed.partitioner;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.partitioner.agent.AgentStatus;
import java.time.Duration;
import java.util.List;

/**
 * One live memory resize of a running partition, in the order that keeps every step reachable: a
 * shrink gives back the plugged memory first, then inflates the balloon; a growth deflates the
 * balloon first, then plugs ({@link MemoryPlug}). So the balloon only ever works with nothing
 * plugged, where its target is the guest's size. Each part waits until the agent's MemTotal has
 * moved by all of it.
 */
final class MemoryResize {
  /** The most an earlier step's unplug may take to reach libvirt before a balloon goes on. */
  private static final Duration SETTLES = Duration.ofSeconds(10);

  /** How far MemTotal may stay from the whole of a memory change and count as seen: accounting. */
  static final DataSize MEMTOTAL_SLACK = DataSize.ofMiB(1);

  /** What a shrink must leave free in the guest (MemFree). */
  static final DataSize SHRINK_MARGIN = DataSize.ofMiB(16);

  /** What the resize did, and the size the guest has now. */
  record Resized(ResizeResult result, DataSize size) {}

  private final Partition partition;
  private final PartitionSpec spec;
  private final DataSize now;

  /**
   * @param now the size the guest has before (its last resize's, or its boot size)
   */
  MemoryResize(Partition partition, DataSize now) {
    this.partition = partition;
    this.spec = partition.spec();
    this.now = now;
  }

  /**
   * Resizes to {@code target} within {@code deadline}. Refuses targets above max-memory, not above
   * the working set, or out of the memory device's reach before touching the guest.
   */
  Resized to(DataSize target, Duration deadline) {
    DataSize boot = spec.memory();
    if (target.compareTo(spec.maxMemory()) > 0 || target.compareTo(spec.workingSet()) <= 0) {
      throw new NestbedException(
          String.format(
              "cannot resize the memory of partition %s to %s: it must stay above"
                  + " its working set %s and at most %s (max-memory)",
              spec.name(), target, spec.workingSet(), spec.maxMemory()),
          "raise max-memory in the scenario; the partition keeps running with " + now);
    }
    DataSize plugged = now.compareTo(boot) > 0 ? now.minus(boot) : DataSize.ZERO;
    DataSize balloon = now.compareTo(boot) > 0 ? boot : now;
    DataSize toPlug =
        target.compareTo(boot) > 0 ? MemoryPlug.rounded(spec, target.minus(boot)) : DataSize.ZERO;
    DataSize toBalloon = target.compareTo(boot) > 0 ? boot : target;
    String refused =
        MemoryPlug.refusal(
            spec,
            spec.growsPastBoot() ? MemoryPlug.dimms(partition.domain()) : List.of(),
            plugged,
            toPlug);
    if (refused != null) {
      throw new NestbedException(
          "cannot resize the memory of partition " + spec.name() + " to " + target + ": " + refused,
          "pick a size its memory-device can reach; the partition keeps running with " + now);
    }
    if (target.compareTo(now) < 0) {
      refuseShrinkBelowWhatTheGuestUses(target);
    }
    // libvirt counts the memory devices' current size into the balloon's target and learns it
    // about a second after the guest: a balloon set before that, right after an unplug, was once
    // given a target hundreds of MiB too low and starved the guest. An earlier step's unplug
    // settles before this step's clock starts; this step's own, inside it.
    boolean balloons = !toBalloon.equals(balloon);
    if (balloons && spec.growsPastBoot()) {
      partition.pluggedSettled(SETTLES.compareTo(deadline) < 0 ? SETTLES : deadline);
    }
    long began = System.nanoTime();
    long end = began + deadline.toNanos();
    ResizeResult last = null;
    if (toPlug.compareTo(plugged) < 0) {
      last = plug(plugged, toPlug, began, end);
      if (balloons) {
        partition.pluggedSettled(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
      }
    }
    if (balloons) {
      last = balloon(balloon, toBalloon, began, end);
    }
    if (toPlug.compareTo(plugged) > 0) {
      last = plug(plugged, toPlug, began, end);
    }
    if (last == null) {
      AgentStatus status = partition.status();
      last = new ResizeResult(Duration.ZERO, status, partition.pluggedNow());
    }
    return new Resized(last, toBalloon.plus(toPlug));
  }

  /**
   * A shrink takes memory the guest's kernel has free: one that would leave less than {@link
   * #SHRINK_MARGIN} of MemFree gets the workload OOM-killed (seen in the spike), so it is refused
   * with both figures. MemFree leaves out page cache the kernel could drop: cautious.
   */
  private void refuseShrinkBelowWhatTheGuestUses(DataSize target) {
    AgentStatus status = partition.status();
    long freeAfter = status.memFree().bytes() - (now.bytes() - target.bytes());
    if (freeAfter < SHRINK_MARGIN.bytes()) {
      throw new NestbedException(
          String.format(
              "cannot shrink partition %s from %s to %s: its guest has %s free"
                  + " (MemFree, of MemTotal %s), which would leave %s, less than the %s that keep its workload"
                  + " (working set %s) from the OOM killer",
              spec.name(),
              now,
              target,
              mib(status.memFree().bytes()),
              mib(status.memTotal().bytes()),
              freeAfter < 0 ? "nothing" : mib(freeAfter),
              SHRINK_MARGIN,
              spec.workingSet()),
          "shrink it less; the partition keeps running with " + now);
    }
  }

  private static String mib(long bytes) {
    return (bytes / (1024 * 1024)) + "MiB";
  }

  private ResizeResult balloon(DataSize from, DataSize to, long began, long end) {
    return awaitMemTotal(
        to.bytes() - from.bytes(),
        began,
        end,
        "balloon " + from + " -> " + to,
        () -> partition.domain().setLiveMemory(to));
  }

  private ResizeResult plug(DataSize from, DataSize to, long began, long end) {
    return awaitMemTotal(
        to.bytes() - from.bytes(),
        began,
        end,
        "plugged " + from + " -> " + to,
        () -> MemoryPlug.request(partition.domain(), spec, from, to));
  }

  /**
   * Runs {@code change} and waits until MemTotal has moved by {@code deltaBytes}: all of it, but
   * for {@link #MEMTOTAL_SLACK} of accounting (a partial move is a balloon or device still
   * working).
   */
  private ResizeResult awaitMemTotal(
      long deltaBytes, long began, long end, String what, Runnable change) {
    long baseline = partition.status().memTotal().bytes();
    long slack = MEMTOTAL_SLACK.bytes();
    long expect = baseline + deltaBytes + (deltaBytes < 0 ? slack : -slack);
    change.run();
    Duration left = Duration.ofNanos(Math.max(0, end - System.nanoTime()));
    ResizeResult seen =
        partition.awaitGuest(
            "partition "
                + spec.name()
                + " to see its memory change by "
                + DataSize.ofBytes(Math.abs(deltaBytes))
                + (deltaBytes < 0 ? " less" : " more")
                + " ("
                + what
                + "; libvirt showed "
                + describePlugged()
                + " as it was asked)",
            began,
            left,
            status ->
                deltaBytes < 0
                    ? status.memTotal().bytes() <= expect
                    : status.memTotal().bytes() >= expect);
    return new ResizeResult(seen.seenAfter(), seen.status(), partition.pluggedNow());
  }

  private String describePlugged() {
    try {
      return partition.pluggedNow() + " plugged";
    } catch (NestbedException e) {
      return "nothing readable: " + e.getMessage();
    }
  }
}
