package dev.nestbed.scenario.kind;

import dev.nestbed.scenario.spec.StepSpec;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a step does to the life of partitions and to pool membership, as the validator's walk over
 * the steps follows it. Fields that do not apply are empty or null.
 *
 * @param mustRun the partitions that must be running when the step begins, and the key naming them
 * @param starts the partitions that become running
 * @param stops the partitions that stop
 * @param relocation a partition that ends in another pool; null for none
 * @param membership a node that joins or leaves a pool; null for none
 * @param group steps that start together with the state before them (a parallel group)
 */
public record Effect(
    Names mustRun,
    Names starts,
    List<String> stops,
    @Nullable Relocation relocation,
    @Nullable Membership membership,
    List<StepSpec> group) {
  static final Effect NONE = new Effect(Names.NONE, Names.NONE, List.of(), null, null, List.of());

  /** Names written under one key of the step. */
  public record Names(Key key, List<String> names) {
    /** No names; its key is never written, as there is nothing under it. */
    static final Names NONE =
        new Names(Key.optional("none", KeyType.PARTITIONS, "No names."), List.of());
  }

  /** A partition that moves to another pool; a name is null when a problem left it unbound. */
  public record Relocation(@Nullable String partition, @Nullable String toPool) {}

  /** A node that joins ({@code joins}) or leaves a pool; null names as in {@link Relocation}. */
  public record Membership(@Nullable String pool, @Nullable String node, boolean joins) {}

  static Effect mustRun(Key key, List<String> names) {
    return new Effect(new Names(key, names), Names.NONE, List.of(), null, null, List.of());
  }

  Effect withStops(List<String> stopped) {
    return new Effect(mustRun, starts, stopped, relocation, membership, group);
  }

  Effect withRelocation(Relocation moved) {
    return new Effect(mustRun, starts, stops, moved, membership, group);
  }

  static Effect starting(Key key, List<String> names) {
    return new Effect(Names.NONE, new Names(key, names), List.of(), null, null, List.of());
  }

  static Effect membership(@Nullable Membership change) {
    return new Effect(Names.NONE, Names.NONE, List.of(), null, change, List.of());
  }

  static Effect group(List<StepSpec> steps) {
    return new Effect(Names.NONE, Names.NONE, List.of(), null, null, steps);
  }
}
