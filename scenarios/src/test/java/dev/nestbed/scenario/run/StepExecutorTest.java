package dev.nestbed.scenario.run;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.value.TimeSpan;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.StepRecord;
import dev.nestbed.scenario.record.TimeSeries;
import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.ParallelStep;
import dev.nestbed.scenario.spec.StepSpec;
import dev.nestbed.scenario.spec.WaitStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepExecutorTest {
  @TempDir Path logs;

  private final RunState state =
      new RunState(null, null, new RunClock(), new SilentProgress(), null);

  private static WaitStep waitStep(Duration timeout) {
    return new WaitStep(
        List.of(),
        TimeSpan.ofSeconds(1),
        Optional.of(TimeSpan.of(timeout)),
        new Location("test.yaml", 1, 1));
  }

  private StepExecutor executor(StepExecutor.Actions actions, Duration stopGrace) {
    return new StepExecutor(
        state, Duration.ofMinutes(1), actions, FaultInjection.NONE, new Defects(logs), stopGrace);
  }

  @Test
  void aStepPastItsTimeoutIsCancelledAndAwaitedBeforeItIsRecorded() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean sawCancel = new AtomicBoolean();
    AtomicBoolean actionEnded = new AtomicBoolean();
    // An action that outlives its cancel for a while, as a libvirt call in flight does.
    StepAction stubborn =
        s -> {
          while (true) {
            try {
              release.await();
              break;
            } catch (InterruptedException e) {
              sawCancel.set(true);
            }
          }
          s.addSeries(new TimeSeries("late", "p1", "ms", List.of()));
          actionEnded.set(true);
          return Map.of();
        };
    StepExecutor executor = executor((step, timeout) -> stubborn, Duration.ofMinutes(2));
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      // Read by the polling thread: published through an atomic, never a plain array slot.
      AtomicReference<Thread> callerThread = new AtomicReference<>();
      Future<StepRecord> record =
          caller.submit(
              () -> {
                callerThread.set(Thread.currentThread());
                return executor.execute("0", waitStep(Duration.ofMillis(20)));
              });
      // Released only once the step was cancelled and its caller waits (or, wrongly, returned).
      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () ->
                  sawCancel.get()
                      && (record.isDone()
                          || callerThread.get().getState() == Thread.State.TIMED_WAITING));
      boolean returnedBeforeTheActionEnded = record.isDone();
      release.countDown();
      StepRecord done = record.get();
      assertTrue(
          !returnedBeforeTheActionEnded && actionEnded.get(),
          "the step was recorded while its action ran");
      assertEquals(Outcome.TIMED_OUT, done.outcome());
      assertEquals(
          1, state.series().size(), "the action ended before the record: its series counts");
    } finally {
      release.countDown();
      caller.shutdownNow();
    }
  }

  @Test
  void anActionThatWillNotStopSealsTheRunsRecordsAgainstItsLateChanges() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch ended = new CountDownLatch(1);
    StepAction deaf =
        s -> {
          while (release.getCount() > 0) {
            try {
              release.await();
            } catch (InterruptedException ignored) {
              // deaf to the cancel
            }
          }
          s.addSeries(new TimeSeries("late", "p1", "ms", List.of()));
          ended.countDown();
          return Map.of();
        };
    StepRecord record =
        executor((step, timeout) -> deaf, Duration.ofMillis(50))
            .execute("0", waitStep(Duration.ofMillis(20)));
    release.countDown();
    ended.await();
    assertEquals(Outcome.TIMED_OUT, record.outcome());
    assertTrue(
        record.message().contains("still ran 50ms after it was cancelled"), record.message());
    assertTrue(state.sealedBecause().isPresent());
    assertEquals(List.of(), state.series(), "a late series landed after the step was recorded");
  }

  @Test
  void anUnexpectedExceptionInAStepIsNestbedsErrorWithItsTypeAndTrace() throws Exception {
    StepRecord record =
        executor(
                (step, timeout) ->
                    s -> {
                      throw new java.nio.channels.OverlappingFileLockException();
                    },
                Duration.ofSeconds(5))
            .execute("2", waitStep(Duration.ofSeconds(10)));
    assertEquals(Outcome.ERROR, record.outcome());
    assertEquals(
        "nestbed defect while step 3 ("
            + record.summary()
            + "): OverlappingFileLockException (no message)",
        record.message());
    String trace = Files.readString(logs.resolve(Defects.LOG_NAME));
    assertTrue(
        trace.contains("java.nio.channels.OverlappingFileLockException")
            && trace.contains("at dev.nestbed.scenario.run.StepExecutorTest"),
        trace);
  }

  @Test
  void aReportedFailureIsAFailureWithItsMessageNotAnError() throws Exception {
    StepRecord record =
        executor(
                (step, timeout) ->
                    s -> {
                      throw new NestbedException("partition p1 is not running", "start it first");
                    },
                Duration.ofSeconds(5))
            .execute("0", waitStep(Duration.ofSeconds(10)));
    assertEquals(Outcome.FAILED, record.outcome());
    assertEquals("partition p1 is not running", record.message());
  }

  @Test
  void aParallelGroupTakesTheWorstOfItsChildren() throws Exception {
    StepExecutor.Actions actions =
        (step, timeout) ->
            step.timeout().orElseThrow().toDuration().toMillis() == 1001
                ? s -> {
                  throw new IllegalStateException("bug");
                }
                : s -> {
                  throw new NestbedException("failed on purpose");
                };
    List<StepSpec> children =
        List.of(waitStep(Duration.ofMillis(1000)), waitStep(Duration.ofMillis(1001)));
    StepRecord group =
        executor(actions, Duration.ofSeconds(5))
            .execute(
                "0", new ParallelStep(children, Optional.empty(), new Location("test.yaml", 1, 1)));
    assertEquals(Outcome.ERROR, group.outcome());
    assertEquals(
        List.of(Outcome.FAILED, Outcome.ERROR),
        group.children().stream().map(StepRecord::outcome).toList());
  }

  @Test
  void injectedFaultsAreParsedAndUnknownOnesRefused() {
    FaultInjection faults = FaultInjection.parse("defect-in-step:3, skip-teardown:stop the nodes");
    assertTrue(faults.defectInStep("2"));
    assertTrue(!faults.defectInStep("0"));
    assertTrue(faults.skipsTeardown("stop the nodes"));
    assertEquals(FaultInjection.NONE, FaultInjection.parse(""));
    NestbedException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            NestbedException.class, () -> FaultInjection.parse("explode"));
    assertTrue(e.getMessage().contains("explode"), e.getMessage());
  }

  /** Shows nothing: these tests read the records. */
  private static final class SilentProgress implements Progress {
    @Override
    public void phase(String name) {}

    @Override
    public void stepStarted(String path, String summary) {}

    @Override
    public void detail(String text) {}

    @Override
    public void stepFinished(StepRecord step) {}
  }
}
