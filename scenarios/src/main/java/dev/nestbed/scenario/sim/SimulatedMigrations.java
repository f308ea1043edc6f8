package dev.nestbed.scenario.sim;

import dev.nestbed.core.model.AutoConvergeModel;
import dev.nestbed.core.model.MigrationCalibration;
import dev.nestbed.core.model.MigrationInputs;
import dev.nestbed.core.model.MigrationPrediction;
import dev.nestbed.core.model.PostcopyModel;
import dev.nestbed.core.model.PrecopyFlow;
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
    MigrationInputs inputs = inputs(step, state, bandwidth);
    MigrationCalibration fixed = state.model.calibration().migration();
    String mode = step.mode() == null ? MigrateStep.DEFAULT_MODE : step.mode();
    return switch (mode) {
      case "postcopy" -> PostcopyModel.predict(inputs, postcopyAfter(step), fixed);
      case "auto-converge" -> AutoConvergeModel.predict(inputs, fixed).migration();
      default -> PrecopyModel.predict(inputs, fixed);
    };
  }

  /** The model's inputs for a migration of the step's partition as it is now, at a bandwidth. */
  private static MigrationInputs inputs(MigrateStep step, SimState state, double bandwidth) {
    Part part = state.partition(step.validPartition());
    return new MigrationInputs(
        state.model.inUse(part.memory, part.decl.validWorkload().workingSet()).bytes(),
        part.decl.validWorkload().workingSet().bytes(),
        part.decl.validWorkload().dirtyRate().bytesPerSecond(),
        bandwidth,
        step.maxDowntime() == null
            ? PrecopyModel.QEMU_DEFAULT_DOWNTIME
            : step.maxDowntime().toDuration());
  }

  /**
   * What a migration of a parallel group got of the links it shares.
   *
   * @param seconds when it ended, from the group's start ({@code +inf}: never)
   * @param bandwidth the mean rate its memory crossed at (where it never ends, the share it had
   *     last)
   * @param stepped its figures, stepped through the shares it got
   */
  record LinkShare(double seconds, double bandwidth, MigrationPrediction stepped) {}

  /**
   * The bandwidth each migration of a step (a parallel group, or one migration) gets: its pool's
   * port to the interconnect out and the destination pool's port in are links of the interconnect's
   * bandwidth each; migrations that share a port share it max-min fairly and, at every event of any
   * of them, share it again ({@link SharedLinks#step}). Each migration runs its mode's passes at
   * the rates it gets ({@link PrecopyFlow}): a pass sent while others held the link back is longer,
   * and the next one larger (for auto-converge, a pass that dirtied too much also raises the
   * throttle).
   */
  static IdentityHashMap<StepSpec, LinkShare> linkShares(StepSpec step, SimState state) {
    IdentityHashMap<StepSpec, LinkShare> shares = new IdentityHashMap<>();
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
    List<SharedLinks.Stepped> flows = new ArrayList<>();
    for (MigrateStep m : migrations) {
      Set<String> links =
          Set.of("out:" + state.partition(m.validPartition()).pool, "in:" + m.validToPool());
      links.forEach(l -> capacities.put(l, state.linkBytesPerSecond()));
      double cap =
          m.bandwidth() == null ? Double.POSITIVE_INFINITY : m.bandwidth().bytesPerSecond();
      flows.add(new SharedLinks.Stepped(links, cap, flow(m, state)));
    }
    double[] ended = SharedLinks.step(flows, capacities);
    MigrationCalibration fixed = state.model.calibration().migration();
    for (int i = 0; i < migrations.size(); i++) {
      PrecopyFlow flow = (PrecopyFlow) flows.get(i).flow();
      MigrationPrediction p = flow.result();
      double moving = p.total().minus(fixed.setup()).minus(fixed.switchover()).toNanos() / 1e9;
      double mean = p.converges() && moving > 0 ? p.bytesSent() / moving : flow.lastRate();
      shares.put(migrations.get(i), new LinkShare(ended[i], mean, p));
    }
    return shares;
  }

  /** The mode's passes as a flow through the links, at the rates it will be given. */
  private static PrecopyFlow flow(MigrateStep step, SimState state) {
    MigrationInputs inputs = inputs(step, state, state.linkBytesPerSecond());
    MigrationCalibration fixed = state.model.calibration().migration();
    String mode = step.mode() == null ? MigrateStep.DEFAULT_MODE : step.mode();
    return switch (mode) {
      case "postcopy" -> PrecopyFlow.postcopy(inputs, postcopyAfter(step), fixed);
      case "auto-converge" -> PrecopyFlow.autoConverge(inputs, fixed);
      default -> new PrecopyFlow(inputs, fixed);
    };
  }

  private static int postcopyAfter(MigrateStep step) {
    return step.postcopyAfterIterations() == null ? 1 : step.postcopyAfterIterations();
  }
}
