package dev.nestbed.scenario.parse;

import static dev.nestbed.scenario.kind.ExpectKinds.ALIVE;

import dev.nestbed.aggregator.pool.HostPool;
import dev.nestbed.scenario.kind.Effect;
import dev.nestbed.scenario.kind.Effect.Names;
import dev.nestbed.scenario.kind.Effect.Relocation;
import dev.nestbed.scenario.kind.ExpectKind;
import dev.nestbed.scenario.kind.ExpectKinds;
import dev.nestbed.scenario.kind.Key;
import dev.nestbed.scenario.kind.Need;
import dev.nestbed.scenario.kind.StepKind;
import dev.nestbed.scenario.kind.StepKinds;
import dev.nestbed.scenario.spec.ExpectSpec;
import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.PoolSpec;
import dev.nestbed.scenario.spec.ScenarioSpec;
import dev.nestbed.scenario.spec.StepSpec;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Walks the steps as the run will take them and follows each partition's life: never started,
 * running (since which line), stopped (at which line), and which pool it is in. A step that acts on
 * a partition that will not be running then, a start of one already running, a step that needs what
 * its pool's backend cannot do, and an expectation that can never be checked or never pass are
 * reported at their own line, before anything starts.
 *
 * <p>The steps of a {@code parallel} group start together: each is checked against the state before
 * the group, and their effects count after it. So {@code start: [p1]} and {@code wait: {heartbeat:
 * [p1]}} in one group are a race, reported as such.
 */
final class LifecycleCheck {
  private enum Life {
    NOT_STARTED,
    RUNNING,
    STOPPED
  }

  /** A partition's life at one point of the walk, and the line that made it so. */
  private record State(Life life, int line, @Nullable String pool) {}

  private final ScenarioSpec spec;
  private final Problems problems;
  private final Sources sources;
  private final Map<String, State> partitions = new LinkedHashMap<>();

  /**
   * Migrations reported as impossible: the partition stays where it was. By identity: two equal
   * steps are two.
   */
  private final Set<StepSpec> refused = Collections.newSetFromMap(new IdentityHashMap<>());

  LifecycleCheck(ScenarioSpec spec, Problems problems, Sources sources) {
    this.spec = spec;
    this.problems = problems;
    this.sources = sources;
    spec.partitions()
        .forEach(
            p -> {
              if (p.name() != null) {
                partitions.putIfAbsent(p.name(), new State(Life.NOT_STARTED, 0, p.pool()));
              }
            });
  }

  void run() {
    for (StepSpec step : spec.steps()) {
      check(step);
      apply(step);
    }
    spec.expectations().forEach(this::check);
  }

  private void check(StepSpec step) {
    StepKind<?> kind = StepKinds.of(step);
    Effect effect = kind.effectOf(step);
    effect.group().forEach(this::check); // all against the state before the group
    starts(step, effect.starts());
    int before = problems.size();
    needRunning(step, effect.mustRun());
    kind.needsOf(step).forEach(need -> need(step, need));
    Relocation relocation = effect.relocation();
    if (relocation != null) {
      poolOf(relocation.partition()).ifPresent(from -> migrateBetween(step, relocation, from));
      if (problems.size() > before) {
        refused.add(step);
      }
    }
  }

  private void starts(StepSpec step, Names starts) {
    for (int i = 0; i < starts.names().size(); i++) {
      String name = starts.names().get(i);
      Location at = at(step, starts.key().name(), i);
      String kind = step.kind();
      state(name)
          .ifPresent(
              s -> {
                if (s.life() == Life.RUNNING) {
                  problems.add(
                      at,
                      kind
                          + " step: partition "
                          + name
                          + " is already running (started at line "
                          + s.line()
                          + ")",
                      "start each partition once");
                } else if (s.life() == Life.NOT_STARTED) {
                  pool(s.pool())
                      .filter(PoolSpec::adoptsByUri)
                      .ifPresent(
                          pool ->
                              Optional.ofNullable(pool.uri())
                                  .flatMap(HostPool::whyNotOnThisMachine)
                                  .ifPresent(
                                      why ->
                                          problems.add(
                                              at,
                                              kind
                                                  + " step: partition "
                                                  + name
                                                  + " is in pool "
                                                  + pool.name()
                                                  + " on another machine ("
                                                  + why
                                                  + "); partitions in a host pool elsewhere are not built yet"
                                                  + " (the guest image and console file must be on this machine)",
                                              "adopt this machine's own libvirt (qemu:///system or qemu+unix), or use a nested pool")));
                } else if (s.life() == Life.STOPPED) {
                  problems.add(
                      at,
                      kind
                          + " step: partition "
                          + name
                          + " was stopped at line "
                          + s.line()
                          + "; a stopped partition is not started again in the same run",
                      "declare another partition for the second life, or drop the stop");
                }
              });
    }
  }

  private void apply(StepSpec step) {
    // Only what the step can really do counts: a refused start or stop was reported and changes
    // nothing, so its consequences are not reported again.
    Effect effect = StepKinds.of(step).effectOf(step);
    effect.group().forEach(this::apply);
    int line = step.location().line();
    effect.starts().names().stream()
        .filter(name -> is(name, Life.NOT_STARTED))
        .forEach(name -> change(name, Life.RUNNING, line, null));
    effect.stops().stream()
        .filter(name -> is(name, Life.RUNNING))
        .forEach(name -> change(name, Life.STOPPED, line, null));
    Relocation relocation = effect.relocation();
    String moved = relocation == null ? null : relocation.partition();
    if (relocation != null && moved != null && !refused.contains(step)) {
      state(moved)
          .filter(s -> s.life() == Life.RUNNING)
          .ifPresent(s -> change(moved, s.life(), s.line(), relocation.toPool()));
    }
  }

  private boolean is(String name, Life life) {
    return state(name).filter(s -> s.life() == life).isPresent();
  }

  private void change(String name, Life life, int line, @Nullable String pool) {
    State now = partitions.get(name);
    if (now != null) {
      partitions.put(name, new State(life, line, pool == null ? now.pool() : pool));
    }
  }

  private void needRunning(StepSpec step, Names running) {
    List<String> names = running.names();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      int index = i;
      state(name)
          .ifPresent(
              s -> {
                if (s.life() == Life.RUNNING) {
                  return;
                }
                Key key = running.key();
                Location at =
                    key.type().isList()
                        ? at(step, key.name(), index)
                        : sources.at(step.location(), key.name());
                problems.add(
                    at,
                    step.kind()
                        + " step: partition "
                        + name
                        + (s.life() == Life.STOPPED
                            ? " was stopped at line " + s.line()
                            : " is not running at this point"),
                    s.life() == Life.STOPPED
                        ? "nothing acts on a stopped partition; move this step before the stop"
                        : "start it with a 'start' step before this one (a start in the same parallel group races it)");
              });
    }
  }

  /** A capability the step needs from a pool whose backend does not offer it. */
  private void need(StepSpec step, Need need) {
    Optional<PoolSpec> found = need.ofPartition() ? poolOf(need.name()) : pool(need.name());
    found.ifPresent(
        pool -> {
          String backend = pool.backend();
          if (backend != null
              && SupportCheck.BUILT_BACKENDS.contains(backend)
              && !need.capability().offeredBy(backend)) {
            problems.add(
                sources.at(step.location(), need.key().name()),
                step.kind()
                    + " step: pool "
                    + pool.name()
                    + " is a "
                    + pool.backend()
                    + " pool; "
                    + step.kind()
                    + " "
                    + need.what(),
                "use a "
                    + String.join(" or ", new TreeSet<>(need.capability().backends()))
                    + " pool for "
                    + step.kind()
                    + (backend.equals("host")
                        ? " (a host pool is one machine that exists: its nodes and cells are its own)"
                        : ""));
          }
        });
  }

  private void migrateBetween(StepSpec step, Relocation relocation, PoolSpec from) {
    pool(relocation.toPool())
        .filter(to -> !Objects.equals(to.name(), from.name()))
        .ifPresent(
            to -> {
              Location at = sources.at(step.location(), "to-pool");
              if (to.adoptsByUri()) {
                problems.add(
                    at,
                    "migrate step: pool "
                        + to.name()
                        + " adopts its machine by uri; nestbed knows no address of"
                        + " that machine to send memory to",
                    "migrate into a pool built from the scenario's nodes");
              } else if (from.backend() != null
                  && to.backend() != null
                  && SupportCheck.BUILT_BACKENDS.contains(from.backend())
                  && SupportCheck.BUILT_BACKENDS.contains(to.backend())
                  && !Objects.equals(from.backend(), to.backend())) {
                problems.add(
                    at,
                    "migrate step: partition "
                        + relocation.partition()
                        + " would go from "
                        + from.backend()
                        + " pool "
                        + from.name()
                        + " to "
                        + to.backend()
                        + " pool "
                        + to.name()
                        + "; migration between pools of"
                        + " two backends is not built (an L2 guest lives inside its L1, with the L1's paths and network)",
                    "migrate between two pools of the same backend");
              } else if ("nested".equals(from.backend())
                  && "nested".equals(to.backend())
                  && spec.nodes() != null
                  && "remote".equals(spec.nodes().provider())) {
                problems.add(
                    at,
                    "migrate step: partition "
                        + relocation.partition()
                        + " would go from nested pool "
                        + from.name()
                        + " to nested pool "
                        + to.name()
                        + " on remote hosts; not built: their L1s would need an interconnect"
                        + " across the hosts' own network, which nestbed does not send QEMU's"
                        + " multicast onto",
                    "migrate between host pools on remote hosts, or between nested pools on"
                        + " local or container nodes");
              }
            });
  }

  private void check(ExpectSpec expect) {
    ExpectKind<?> kind = ExpectKinds.of(expect);
    kind.asksOf(expect)
        .ifPresent(
            partition ->
                state(partition)
                    .ifPresent(
                        s -> {
                          if (s.life() == Life.RUNNING) {
                            return;
                          }
                          String why =
                              s.life() == Life.STOPPED
                                  ? "is stopped at line " + s.line()
                                  : "is never started";
                          List<String> never =
                              kind.needRunningOf(expect, s.life() == Life.STOPPED).stream()
                                  .map(Key::name)
                                  .toList();
                          if (!never.isEmpty()) {
                            problems.add(
                                sources.at(expect.location(), never.get(0)),
                                "expectation on "
                                    + partition
                                    + ": "
                                    + String.join(", ", never)
                                    + " can never be "
                                    + (never.equals(List.of(ALIVE.name())) ? "met" : "checked")
                                    + ": "
                                    + partition
                                    + " "
                                    + why,
                                s.life() == Life.STOPPED
                                    ? "expect alive: false, or drop the stop"
                                    : "start it in a step");
                          }
                        }));
  }

  private Optional<State> state(@Nullable String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(partitions.get(name));
  }

  private Optional<PoolSpec> poolOf(@Nullable String partition) {
    return state(partition).map(State::pool).flatMap(this::pool);
  }

  private Optional<PoolSpec> pool(@Nullable String name) {
    return name == null ? Optional.empty() : spec.pool(name).filter(p -> p.name() != null);
  }

  private Location at(StepSpec step, String key, int index) {
    return sources.at(step.location(), key, index);
  }
}
