package dev.nestbed.scenario.run;

import dev.nestbed.core.NestbedException;
import dev.nestbed.scenario.record.Metric;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.StepRecord;
import dev.nestbed.scenario.spec.AddNodeStep;
import dev.nestbed.scenario.spec.MigrateStep;
import dev.nestbed.scenario.spec.MoveStep;
import dev.nestbed.scenario.spec.ParallelStep;
import dev.nestbed.scenario.spec.RebalanceStep;
import dev.nestbed.scenario.spec.RemoveNodeStep;
import dev.nestbed.scenario.spec.ResizeStep;
import dev.nestbed.scenario.spec.StartStep;
import dev.nestbed.scenario.spec.StepSpec;
import dev.nestbed.scenario.spec.StopStep;
import dev.nestbed.scenario.spec.WaitStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one step with its timeout (its own or the default) and records it: start, end, outcome,
 * message, metrics. A parallel group runs its children at the same time, each with its own
 * timeout, and fails when any child fails.
 */
final class StepExecutor {
  private final RunState state;
  private final Duration defaultTimeout;

  StepExecutor(RunState state, Duration defaultTimeout) {
    this.state = state;
    this.defaultTimeout = defaultTimeout;
  }

  /** Runs the step; throws InterruptedException only when the run itself is interrupted. */
  StepRecord execute(String path, StepSpec step) throws InterruptedException {
    String summary = StepSummaries.of(step);
    state.progress.stepStarted(path, summary);
    StepRecord record = step instanceof ParallelStep group ? executeGroup(path, group, summary)
        : executeOne(path, step, summary);
    state.progress.stepFinished(record);
    return record;
  }

  private StepRecord executeGroup(String path, ParallelStep group, String summary) throws InterruptedException {
    long start = state.clock.nowMs();
    List<StepRecord> children = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    StepRecord[] results = new StepRecord[group.steps().size()];
    InterruptedException[] interrupted = new InterruptedException[1];
    for (int i = 0; i < group.steps().size(); i++) {
      int index = i;
      Thread t = new Thread(() -> {
        try {
          results[index] = execute(path + "." + index, group.steps().get(index));
        } catch (InterruptedException e) {
          interrupted[0] = e;
        }
      }, "step-" + path + "." + index);
      threads.add(t);
      t.start();
    }
    try {
      for (Thread t : threads) {
        t.join();
      }
    } catch (InterruptedException e) {
      threads.forEach(Thread::interrupt);
      for (Thread t : threads) {
        t.join(Duration.ofSeconds(30).toMillis());
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
        outcome = outcome.passed() ? child.outcome() : outcome;
        failures.add("step " + StepPaths.display(child.path()) + " " + child.outcome());
      }
    }
    return new StepRecord(path, "parallel", group.subjects(), summary, start, state.clock.nowMs(), outcome,
        failures.isEmpty() ? "" : "failed: " + String.join(", ", failures), Map.of(), children);
  }

  private StepRecord executeOne(String path, StepSpec step, String summary) throws InterruptedException {
    Duration timeout = step.timeout().map(t -> t.toDuration()).orElse(defaultTimeout);
    Duration limit = timeout;
    long start = state.clock.nowMs();
    ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "step-" + path);
      t.setDaemon(true);
      return t;
    });
    Outcome outcome;
    String message = "";
    Map<String, Metric> metrics = Map.of();
    try {
      StepAction action = actionFor(step, timeout);
      limit = timeout.plus(action.overrun(state));
      Future<Map<String, Metric>> future = worker.submit(() -> action.run(state));
      try {
        metrics = future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        outcome = Outcome.PASSED;
        message = action.note();
      } catch (TimeoutException e) {
        future.cancel(true);
        outcome = Outcome.TIMED_OUT;
        message = "did not finish within " + dev.nestbed.core.value.TimeSpan.of(limit)
            + "; raise the step's timeout if it needs longer";
      } catch (ExecutionException e) {
        outcome = e.getCause() instanceof NotSupportedException ? Outcome.NOT_SUPPORTED : Outcome.FAILED;
        message = messageOf(e.getCause());
      } catch (InterruptedException e) {
        future.cancel(true);
        throw e;
      }
    } catch (NotSupportedException e) {
      outcome = Outcome.NOT_SUPPORTED;
      message = e.getMessage();
    } finally {
      worker.shutdownNow();
    }
    return new StepRecord(path, step.kind(), step.subjects(), summary, start, state.clock.nowMs(), outcome, message,
        metrics, List.of());
  }

  private StepAction actionFor(StepSpec step, Duration timeout) {
    if (step instanceof StartStep s) {
      return new StartAction(s.partitions());
    } else if (step instanceof StopStep s) {
      return new StopAction(s.partitions());
    } else if (step instanceof WaitStep s) {
      return new WaitAction(s.heartbeat(), s.duration(), timeout);
    } else if (step instanceof ResizeStep s) {
      return new ResizeAction(s.partition(), s.vcpus(), s.memory(), timeout);
    } else if (step instanceof MoveStep s) {
      return new MoveAction(s.partition(), s.toCells());
    } else if (step instanceof MigrateStep s) {
      return new MigrateAction(s, timeout);
    } else if (step instanceof AddNodeStep s) {
      return new AddNodeAction(s.pool(), s.node(), timeout);
    } else if (step instanceof RemoveNodeStep s) {
      return new RemoveNodeAction(s.pool(), s.node(), s.evacuate(), timeout);
    } else if (step instanceof RebalanceStep s) {
      return new RebalanceAction(s.pool());
    }
    throw new NestbedException("unknown step kind " + step.kind());
  }

  private static String messageOf(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
