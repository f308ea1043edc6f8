package dev.nestbed.scenario.run;

import dev.nestbed.aggregator.pool.L1Interconnect;
import dev.nestbed.aggregator.pool.PoolPlan;
import dev.nestbed.core.image.GuestImage;
import dev.nestbed.scenario.plan.ScenarioPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where a run puts what a nested pool's L1 is made of: its files in the run directory, the guest
 * images it offers its L2s, and its place on the interconnect between the run's L1s. The run builds
 * pools from these and {@code plan} renders them from the same.
 */
final class NestedPoolPlaces {
  private NestedPoolPlaces() {}

  /** The L1's overlay, images disk and console log live here while it runs. */
  static Path directory(Path runDirectory, PoolPlan pool) {
    return runDirectory.resolve("pools").resolve(pool.name());
  }

  /** The directory of guest images the L1 carries on its read-only images disk. */
  static Path guestImages(GuestImage image) {
    return Objects.requireNonNull(
        image.kernel().getParent(), "a guest image's kernel lies in its directory");
  }

  /** The pool's place on the interconnect: its number among the run's nested pools. */
  static L1Interconnect interconnect(ScenarioPlan plan, PoolPlan pool) {
    List<String> nested =
        plan.pools().stream()
            .filter(p -> p.backend().equals("nested"))
            .map(PoolPlan::name)
            .toList();
    return new L1Interconnect(nested.indexOf(pool.name()));
  }
}
