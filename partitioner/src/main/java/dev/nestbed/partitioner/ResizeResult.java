package dev.nestbed.partitioner;

import dev.nestbed.core.value.DataSize;
import dev.nestbed.partitioner.agent.AgentStatus;
import java.time.Duration;

/**
 * A live resize as the guest saw it: how long until the change showed inside, the state then, and
 * what libvirt said was plugged past the boot size at that moment (its memory devices' {@code
 * <current>}, which lags the guest by about a second).
 */
public record ResizeResult(Duration seenAfter, AgentStatus status, DataSize pluggedByLibvirt) {
  /** A resize that plugs no memory (vCPUs). */
  public ResizeResult(Duration seenAfter, AgentStatus status) {
    this(seenAfter, status, DataSize.ZERO);
  }
}
