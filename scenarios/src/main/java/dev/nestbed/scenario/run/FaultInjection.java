package dev.nestbed.scenario.run;

import dev.nestbed.core.NestbedException;
import dev.nestbed.scenario.record.StepPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Faults nestbed's own tests inject into a real run, to prove that what cannot be provoked on
 * purpose is still handled: a defect (an exception nestbed did not expect) in a step or a phase,
 * and a teardown that silently leaves something behind. Set only by the JVM system property {@code
 * nestbed.fault} (comma-separated), never by a scenario:
 *
 * <ul>
 *   <li>{@code defect-in-step:3}: step 3 (numbered as the report numbers it) throws an {@link
 *       IllegalStateException} without a message instead of running;
 *   <li>{@code defect-in-phase:pools}: the phase ({@code nodes}, {@code pools}, {@code steps})
 *       throws one as it begins;
 *   <li>{@code skip-teardown:stop the nodes}: the teardown action whose name starts with that text
 *       is left out, as if it had failed without saying so.
 * </ul>
 */
record FaultInjection(
    Optional<String> defectInStep,
    Optional<String> defectInPhase,
    Optional<String> skippedTeardown) {
  static final String PROPERTY = "nestbed.fault";
  static final FaultInjection NONE =
      new FaultInjection(Optional.empty(), Optional.empty(), Optional.empty());

  /** The faults the system property asks for; none when it is not set. */
  static FaultInjection fromSystemProperty() {
    return parse(System.getProperty(PROPERTY, ""));
  }

  static FaultInjection parse(String text) {
    FaultInjection faults = NONE;
    List<String> unknown = new ArrayList<>();
    for (String fault : text.split(",")) {
      String[] kv = fault.strip().split(":", 2);
      if (kv[0].isEmpty()) {
        continue;
      }
      String value = kv.length == 2 ? kv[1].strip() : "";
      switch (kv[0]) {
        case "defect-in-step" ->
            faults =
                new FaultInjection(
                    Optional.of(value), faults.defectInPhase, faults.skippedTeardown);
        case "defect-in-phase" ->
            faults =
                new FaultInjection(faults.defectInStep, Optional.of(value), faults.skippedTeardown);
        case "skip-teardown" ->
            faults =
                new FaultInjection(faults.defectInStep, faults.defectInPhase, Optional.of(value));
        default -> unknown.add(fault);
      }
    }
    if (!unknown.isEmpty()) {
      throw new NestbedException(
          "unknown fault " + String.join(", ", unknown) + " in -D" + PROPERTY,
          "use defect-in-step:N, defect-in-phase:nodes|pools|steps or skip-teardown:ACTION");
    }
    return faults;
  }

  /** Throws the injected defect if it was asked for in this phase. */
  void atPhase(String phase) {
    if (defectInPhase.filter(phase::equals).isPresent()) {
      throw new IllegalStateException();
    }
  }

  /** True when the step at this record path (0-based, "2.1") is to throw an injected defect. */
  boolean defectInStep(String path) {
    return defectInStep.filter(StepPaths.display(path)::equals).isPresent();
  }

  /** True when the teardown action of this name is to be left out. */
  boolean skipsTeardown(String what) {
    return skippedTeardown.filter(what::startsWith).isPresent();
  }
}
