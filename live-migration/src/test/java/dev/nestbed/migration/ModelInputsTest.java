package dev.nestbed.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nestbed.core.libvirt.MigrationJobStats;
import dev.nestbed.core.libvirt.MigrationJobStats.Phase;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ModelInputsTest {
  private static final long MIB = 1 << 20;

  private static MigrationSample sample(
      long ms, long processed, long bps, long iteration, long dirty) {
    return new MigrationSample(
        ms * 1_000_000,
        new MigrationJobStats(
            Phase.RUNNING,
            OptionalLong.of(ms),
            OptionalLong.of(256 * MIB),
            OptionalLong.of(processed),
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.of(dirty),
            OptionalLong.of(iteration),
            OptionalLong.of(bps),
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.empty()));
  }

  @Test
  void bandwidthIsWhatFlowedBetweenSamplesNotQemusSlowStartFigure() {
    // setup: nothing flows and QEMU reports 1 MiB/s; then 20 MiB per 200 ms = 100 MiB/s
    List<MigrationSample> samples =
        List.of(
            sample(0, 0, MIB, 1, 0),
            sample(200, 0, MIB, 1, 0),
            sample(400, 20 * MIB, MIB, 1, 0),
            sample(600, 40 * MIB, 2 * MIB, 1, 0),
            sample(800, 60 * MIB, 90 * MIB, 1, 0));
    assertEquals(100.0 * MIB, ModelInputs.bandwidth(samples).orElseThrow(), 1.0);
  }

  @Test
  void bandwidthIsTakenFromTheFirstPassNotFromLaterPassesThatOnlyKeepUpWithTheDirtying() {
    // first pass: 12 MiB per 200 ms = 60 MiB/s; then passes 2-4 send ~0.14 MiB per 200 ms
    List<MigrationSample> samples =
        new java.util.ArrayList<>(
            List.of(
                sample(0, 0, 0, 1, 0),
                sample(200, 12 * MIB, 0, 1, 0),
                sample(400, 24 * MIB, 0, 1, 0),
                sample(600, 36 * MIB, 0, 1, 0)));
    for (int i = 0; i < 9; i++) {
      samples.add(sample(800 + 200 * i, 36 * MIB + (i + 1) * MIB / 7, 0, 2 + i / 3, 4 * MIB));
    }
    assertEquals(60.0 * MIB, ModelInputs.bandwidth(samples).orElseThrow(), 1.0);
  }

  @Test
  void theDirtyRateCountsFromTheSecondPassOn() {
    List<MigrationSample> samples =
        List.of(
            sample(0, 0, 0, 1, 99 * MIB),
            sample(200, MIB, 0, 2, 4 * MIB),
            sample(400, 2 * MIB, 0, 2, 6 * MIB),
            sample(600, 3 * MIB, 0, 3, 5 * MIB));
    assertEquals(5.0 * MIB, ModelInputs.dirtyRate(samples).orElseThrow(), 1.0);
  }

  @Test
  void theFirstPassSendsTheGuestsMemoryLessThePagesSentAsMarkers() {
    assertEquals(
        OptionalLong.of(88 * MIB),
        ModelInputs.firstPassMemory(completed(256 * MIB, 168 * MIB), 256 * MIB));
    assertEquals(
        OptionalLong.empty(), ModelInputs.firstPassMemory(completed(256 * MIB, -1), 256 * MIB));
  }

  @Test
  void anUnpluggedMemoryDeviceAreaIsNotMemoryTheFirstPassSends() {
    // 256 MiB booted, 64 MiB plugged of a 768 MiB virtio-mem area: libvirt's total counts the
    // whole area, QEMU sends none of the unplugged 704 MiB, and 200 MiB of the 320 went as markers
    assertEquals(
        OptionalLong.of(120 * MIB),
        ModelInputs.firstPassMemory(completed(1024 * MIB, 200 * MIB), 320 * MIB));
  }

  /** A completed job of a guest of {@code total} bytes; {@code constant} negative: not counted. */
  private static MigrationJobStats completed(long total, long constant) {
    OptionalLong none = OptionalLong.empty();
    return new MigrationJobStats(
        Phase.COMPLETED,
        none,
        OptionalLong.of(total),
        none,
        none,
        none,
        none,
        none,
        none,
        none,
        none,
        none,
        none,
        constant < 0 ? none : OptionalLong.of(constant));
  }
}
