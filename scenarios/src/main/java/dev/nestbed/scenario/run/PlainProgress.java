package dev.nestbed.scenario.run;

import dev.nestbed.scenario.record.StepPaths;
import dev.nestbed.scenario.record.StepRecord;
import java.io.PrintWriter;

/** Progress as plain timestamped lines, for CI logs and pipes. */
public final class PlainProgress implements Progress {
  private final PrintWriter out;
  private final RunClock clock = new RunClock();

  public PlainProgress(PrintWriter out) {
    this.out = out;
  }

  private synchronized void line(String text) {
    out.printf("[%7.1fs] %s%n", clock.nowMs() / 1000.0, text);
    out.flush();
  }

  @Override
  public void phase(String name) {
    line("== " + name);
  }

  @Override
  public void stepStarted(String path, String summary) {
    line("step " + StepPaths.display(path) + ": " + summary);
  }

  @Override
  public void detail(String text) {
    line("  " + text);
  }

  @Override
  public void stepFinished(StepRecord step) {
    line(
        String.format(
            "step %s: %s in %.1f s%s",
            StepPaths.display(step.path()),
            step.outcome(),
            (step.endMs() - step.startMs()) / 1000.0,
            step.message() == null || step.message().isEmpty() ? "" : " - " + step.message()));
  }
}
