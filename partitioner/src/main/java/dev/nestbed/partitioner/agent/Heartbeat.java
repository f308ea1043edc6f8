package dev.nestbed.partitioner.agent;

/**
 * One heartbeat line from the agent: its sequence number, the guest's monotonic clock when it was
 * sent, and the host's monotonic clock ({@link System#nanoTime()}) when it arrived.
 */
public record Heartbeat(long sequence, long guestNanos, long hostNanos) {}
