package dev.nestbed.core.model;

import java.time.Duration;

/**
 * The fixed costs of a live migration on one kind of host, which the pass equations of the models
 * leave out, and the bandwidth a migration got there, with where they were measured.
 *
 * @param setup from the migration call to the start of the first pass: connecting, starting QEMU at
 *     the destination, negotiating capabilities
 * @param switchover what the final stop-and-copy costs beyond copying the last dirty memory: the
 *     last dirty-bitmap sync, device state, starting the guest at the destination. Part of both the
 *     total time and the downtime
 * @param bandwidthBytesPerSecond the rate memory crossed the link at, for a model that has no
 *     measured one (a simulated run)
 */
public record MigrationCalibration(
    Duration setup, Duration switchover, double bandwidthBytesPerSecond, Provenance provenance) {
  /** No fixed costs: the pass equations alone, as Clark et al. state them. */
  public static final MigrationCalibration NONE =
      new MigrationCalibration(
          Duration.ZERO,
          Duration.ZERO,
          0,
          new Provenance("not measured", "", "no fixed costs: the pass equations alone", ""));

  /**
   * Measured on this project's kind of development machine (2 cores, Debian 12, TCG): one live
   * migration ({@code --live}, native TCP on 127.0.0.1) of an idle 256 MiB guest between two
   * libvirt daemons on the machine took 996 ms with 86 ms of downtime and sent 81.8 MiB in 3
   * iterations at about 205 MiB/s. An idle guest leaves nothing dirty for the paused copy, so all
   * of its downtime is the switch-over; what the total holds beyond copying 81.8 MiB at 205 MiB/s
   * (399 ms) and that switch-over is the set-up. docs/model-calibration.md has the figures and what
   * they leave open.
   */
  public static final MigrationCalibration MEASURED_HERE =
      new MigrationCalibration(
          Duration.ofMillis(511),
          Duration.ofMillis(86),
          205.0 * (1 << 20),
          new Provenance(
              "2-core Debian 12 development machine under TCG (no usable KVM); two libvirt daemons on the machine,"
                  + " native TCP on 127.0.0.1; the notes do not say which QEMU and libvirt (Debian 12's or"
                  + " bookworm-backports')",
              "between 2026-11-24 and 2026-12-04 (the environment notes' dates)",
              "one live migration of an idle 256 MiB guest: 996 ms total, 86 ms downtime, 81.8 MiB sent,"
                  + " 3 iterations, about 205 MiB/s. switchover = the downtime (an idle guest leaves nothing dirty"
                  + " to copy while paused) = 86 ms; setup = total - sent/bandwidth - switchover"
                  + " = 996 - 81.8/205 s - 86 = 996 - 399 - 86 = 511 ms; bandwidth = 205 MiB/s as measured",
              "docs/model-calibration.md, quoting the project's environment notes (\"Figures seen\")"));

  public MigrationCalibration {
    if (setup.isNegative() || switchover.isNegative() || bandwidthBytesPerSecond < 0) {
      throw new IllegalArgumentException("a calibration's costs and bandwidth cannot be negative");
    }
  }

  double setupSeconds() {
    return setup.toNanos() / 1e9;
  }

  double switchoverSeconds() {
    return switchover.toNanos() / 1e9;
  }
}
