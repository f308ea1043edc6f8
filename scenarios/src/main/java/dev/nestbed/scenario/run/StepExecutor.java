package dev.nestbed.scenario.run;

import dev.nestbed.core.value.TimeSpan;
import dev.nestbed.scenario.kind.StepKind;
import dev.nestbed.scenario.kind.StepKinds;
import dev.nestbed.scenario.record.Metric;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.StepPaths;
import dev.nestbed.scenario.record.StepRecord;
import dev.nestbed.scenario.spec.StepSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * Runs one step with its timeout (its own or the default) and records it: start, end, outcome,
 * message, metrics. A parallel group runs its children at the same time, each with its own timeout,
 * and fails when any child fails.
 */
final class StepExecutor {
  /**
   * How long a step's action has to stop after it was cancelled at its timeout. Waits in nestbed
   * end at once on interrupt; a libvirt call in flight cannot be interrupted and, against a hung
   * daemon, is bounded by nothing on the client side: past this grace the run seals its records and
   * goes on to teardown, which stops that daemon.
   */
  static final Duration STOP_GRACE = Duration.ofMinutes(2);

  /** Makes the action of one step kind. */
  @FunctionalInterface
  interface Actions {
    StepAction of(StepSpec step, Duration timeout);
  }

  private final RunState state;
  private final Duration defaultTimeout;
  private final Actions actions;
  private final FaultInjection faults;
  private final Defects defects;
  private final Duration stopGrace;
  private UnaryOperator<StepRecord> explain = UnaryOperator.identity();

  StepExecutor(RunState state, Duration defaultTimeout, FaultInjection faults, Defects defects) {
    this(state, defaultTimeout, StepActions::of, faults, defects, STOP_GRACE);
  }

  /**
   * Has every step's record pass through {@code explain} before it is shown and kept: what the run
   * knows beyond the step (a node that is gone) joins the step's own message.
   */
  StepExecutor explainingWith(UnaryOperator<StepRecord> explain) {
    this.explain = explain;
    return this;
  }

  StepExecutor(
      RunState state,
      Duration defaultTimeout,
      Actions actions,
      FaultInjection faults,
      Defects defects,
      Duration stopGrace) {
    this.state = state;
    this.defaultTimeout = defaultTimeout;
    this.actions = actions;
    this.faults = faults;
    this.defects = defects;
    this.stopGrace = stopGrace;
  }

  /** Runs the step; throws InterruptedException only when the run itself is interrupted. */
  StepRecord execute(String path, StepSpec step) throws InterruptedException {
    String summary = StepSummaries.of(step);
    state.progress.stepStarted(path, summary);
    StepKind<?> kind = StepKinds.of(step);
    StepRecord record =
        StepActions.GROUPS.contains(kind)
            ? executeGroup(path, step, kind.effectOf(step).group(), summary)
            : explain.apply(executeOne(path, step, summary));
    state.progress.stepFinished(record);
    return record;
  }

  private StepRecord executeGroup(String path, StepSpec group, List<StepSpec> steps, String summary)
      throws InterruptedException {
    long start = state.clock.nowMs();
    List<StepRecord> children = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    StepRecord[] results = new StepRecord[steps.size()];
    InterruptedException[] interrupted = new InterruptedException[1];
    for (int i = 0; i < steps.size(); i++) {
      int index = i;
      Thread t =
          new Thread(
              () -> {
                String childPath = path + "." + index;
                StepSpec child = steps.get(index);
                try {
                  results[index] = execute(childPath, child);
                } catch (InterruptedException e) {
                  interrupted[0] = e;
                } catch (RuntimeException | Error e) {
                  long now = state.clock.nowMs();
                  results[index] =
                      new StepRecord(
                          childPath,
                          child.kind(),
                          child.subjects(),
                          StepSummaries.of(child),
                          now,
                          now,
                          Outcome.ERROR,
                          defects.record("step " + StepPaths.display(childPath), e),
                          Map.of(),
                          List.of());
                }
              },
              "step-" + path + "." + index);
      threads.add(t);
      t.start();
    }
    try {
      for (Thread t : threads) {
        t.join();
      }
    } catch (InterruptedException e) {
      threads.forEach(Thread::interrupt);
      // Each child waits up to the stop grace for its own action; the group waits for them all.
      long end = System.nanoTime() + stopGrace.plusSeconds(30).toNanos();
      for (Thread t : threads) {
        t.join(Math.max(1, (end - System.nanoTime()) / 1_000_000));
      }
      throw e;
    }
    if (interrupted[0] != null) {
      throw interrupted[0];
    }
    Outcome outcome = Outcome.PASSED;
    List<String> failures = new ArrayList<>();
    for (StepRecord child : results) {
      children.add(child);
      if (!child.outcome().passed()) {
        outcome = outcome.worst(child.outcome());
        failures.add("step " + StepPaths.display(child.path()) + " " + child.outcome());
      }
    }
    return new StepRecord(
        path,
        group.kind(),
        group.subjects(),
        summary,
        start,
        state.clock.nowMs(),
        outcome,
        failures.isEmpty() ? "" : "failed: " + String.join(", ", failures),
        Map.of(),
        children);
  }

  private StepRecord executeOne(String path, StepSpec step, String summary)
      throws InterruptedException {
    Duration timeout = step.timeout().map(t -> t.toDuration()).orElse(defaultTimeout);
    Duration limit = timeout;
    long start = state.clock.nowMs();
    ExecutorService worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "step-" + path);
              t.setDaemon(true);
              return t;
            });
    Outcome outcome;
    String message = "";
    Map<String, Metric> metrics = Map.of();
    try {
      StepAction action = faults.defectInStep(path) ? injectedDefect() : actions.of(step, timeout);
      limit = timeout.plus(action.overrun(state));
      Future<Map<String, Metric>> future = worker.submit(() -> action.run(state));
      try {
        metrics = future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        outcome = Outcome.PASSED;
        message = action.note();
      } catch (TimeoutException e) {
        future.cancel(true);
        outcome = Outcome.TIMED_OUT;
        message =
            "did not finish within "
                + TimeSpan.of(limit)
                + "; raise the step's timeout if it needs longer"
                + awaitStopped(worker, path);
      } catch (ExecutionException e) {
        Throwable cause = Objects.requireNonNullElse(e.getCause(), e);
        if (Defects.isDefect(cause)) {
          outcome = Outcome.ERROR;
          message = defects.record("step " + StepPaths.display(path) + " (" + summary + ")", cause);
        } else {
          outcome = cause instanceof NotSupportedException ? Outcome.NOT_SUPPORTED : Outcome.FAILED;
          message = Defects.describe(cause);
        }
      } catch (InterruptedException e) {
        future.cancel(true);
        awaitStopped(worker, path);
        throw e;
      }
    } catch (NotSupportedException e) {
      outcome = Outcome.NOT_SUPPORTED;
      message = Objects.requireNonNullElse(e.getMessage(), Defects.describe(e));
    } catch (RuntimeException e) {
      // Making the action or asking its overrun failed: still this step's record, not a lost one.
      outcome = Defects.isDefect(e) ? Outcome.ERROR : Outcome.FAILED;
      message =
          Defects.isDefect(e)
              ? defects.record("step " + StepPaths.display(path) + " (" + summary + ")", e)
              : Defects.describe(e);
    } finally {
      worker.shutdownNow();
    }
    return new StepRecord(
        path,
        step.kind(),
        step.subjects(),
        summary,
        start,
        state.clock.nowMs(),
        outcome,
        message,
        metrics,
        List.of());
  }

  /**
   * Waits for a cancelled action to stop, so that nothing it does lands after its step was
   * recorded, while expectations are checked or during teardown. Returns what to add to the step's
   * message: nothing when it stopped; else that it did not, and the run's state is sealed against
   * its late changes.
   */
  private String awaitStopped(ExecutorService worker, String path) {
    worker.shutdownNow();
    boolean stopped;
    try {
      stopped = worker.awaitTermination(stopGrace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = false;
    }
    if (stopped) {
      return "";
    }
    state.seal(
        "step "
            + StepPaths.display(path)
            + " still ran "
            + TimeSpan.of(stopGrace)
            + " after it was cancelled");
    return "; its action still ran "
        + TimeSpan.of(stopGrace)
        + " after it was cancelled, and what it does from"
        + " now on is not recorded";
  }

  private static StepAction injectedDefect() {
    return state -> {
      throw new IllegalStateException(); // no message: the shape of the defect that once read
      // "error: null"
    };
  }
}
