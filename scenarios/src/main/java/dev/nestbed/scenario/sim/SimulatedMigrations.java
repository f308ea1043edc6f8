package dev.nestbed.scenario.sim;

import dev.nestbed.core.model.AutoConvergeModel;
import dev.nestbed.core.model.MigrationCalibration;
import dev.nestbed.core.model.MigrationInputs;
import dev.nestbed.core.model.MigrationPrediction;
import dev.nestbed.core.model.PostcopyModel;
import dev.nestbed.core.model.PrecopyModel;
import dev.nestbed.core.model.SharedLinks;
import dev.nestbed.partitioner.placement.DestinationCell;
import dev.nestbed.scenario.kind.StepKinds;
import dev.nestbed.scenario.sim.SimState.Part;
import dev.nestbed.scenario.spec.MigrateStep;
import dev.nestbed.scenario.spec.ParallelStep;
import dev.nestbed.scenario.spec.StepSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Simulated migrations as the models see them: one migration's prediction at a bandwidth, and what
 * the migrations of a parallel group get of the links they share.
 */
final class SimulatedMigrations {
  private SimulatedMigrations() {}

  /** The mode's model of a migration of the step's partition as it is now, at a bandwidth. */
  static MigrationPrediction predict(MigrateStep step, SimState state, double bandwidth) {
    Part part = state.partition(step.validPartition());
    MigrationInputs inputs =
        new MigrationInputs(
            state.model.inUse(part.memory, part.decl.validWorkload().workingSet()).bytes(),
            part.decl.validWorkload().workingSet().bytes(),
            part.decl.validWorkload().dirtyRate().bytesPerSecond(),
            bandwidth,
            step.maxDowntime() == null
                ? PrecopyModel.QEMU_DEFAULT_DOWNTIME
                : step.maxDowntime().toDuration());
    MigrationCalibration fixed = state.model.calibration().migration();
    String mode = step.mode() == null ? MigrateStep.DEFAULT_MODE : step.mode();
    return switch (mode) {
      case "postcopy" ->
          PostcopyModel.predict(
              inputs,
              step.postcopyAfterIterations() == null ? 1 : step.postcopyAfterIterations(),
              fixed);
      case "auto-converge" -> AutoConvergeModel.predict(inputs, fixed).migration();
      default -> PrecopyModel.predict(inputs, fixed);
    };
  }

  /**
   * The bandwidth each migration of a step (a parallel group, or one migration) gets: its pool's
   * port to the interconnect out and the destination pool's port in are links of the interconnect's
   * bandwidth each; migrations that share a port share it max-min fairly and, when one ends, the
   * others take what it leaves ({@link SharedLinks}). Each migration's figures are then the model's
   * at the constant bandwidth that takes as long as its shares did.
   */
  static IdentityHashMap<StepSpec, SharedLinks.Outcome> linkShares(StepSpec step, SimState state) {
    IdentityHashMap<StepSpec, SharedLinks.Outcome> shares = new IdentityHashMap<>();
    if (!(step instanceof ParallelStep)) {
      return shares; // alone on the interconnect: nothing to share, nothing to work out
    }
    // those that will run: one with no room at its destination fails at once and takes no share
    List<MigrateStep> migrations =
        StepKinds.all(List.of(step))
            .filter(s -> StepKinds.of(s) == StepKinds.MIGRATE)
            .map(MigrateStep.class::cast)
            .filter(
                m -> {
                  Part part = state.partition(m.validPartition());
                  return DestinationCell.choose(
                          state.snapshot(m.validToPool()), part.vcpus, part.memory)
                      .isPresent();
                })
            .toList();
    if (migrations.size() < 2) {
      return shares;
    }
    Map<String, Double> capacities = new HashMap<>();
    List<SharedLinks.Transfer> transfers = new ArrayList<>();
    for (MigrateStep m : migrations) {
      Set<String> links =
          Set.of("out:" + state.partition(m.validPartition()).pool, "in:" + m.validToPool());
      links.forEach(l -> capacities.put(l, state.linkBytesPerSecond()));
      transfers.add(
          new SharedLinks.Transfer(
              links,
              m.bandwidth() == null ? Double.POSITIVE_INFINITY : m.bandwidth().bytesPerSecond(),
              b -> {
                MigrationPrediction p = predict(m, state, b);
                return p.converges() ? p.total().toNanos() / 1e9 : Double.POSITIVE_INFINITY;
              }));
    }
    List<SharedLinks.Outcome> outcomes = SharedLinks.run(transfers, capacities);
    for (int i = 0; i < migrations.size(); i++) {
      shares.put(migrations.get(i), outcomes.get(i));
    }
    return shares;
  }
}
