package dev.nestbed.partitioner;

import dev.nestbed.partitioner.agent.AgentStatus;
import java.time.Duration;

/** A live resize as the guest saw it: how long until the change showed inside, and the state then. */
public record ResizeResult(Duration seenAfter, AgentStatus status) {}
