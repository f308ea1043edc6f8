package dev.nestbed.scenario.run;

import dev.nestbed.scenario.record.StepPaths;
import dev.nestbed.scenario.record.StepRecord;
import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress on a terminal: finished steps scroll by as lines; a status line at the bottom shows the
 * current phase or step, its elapsed time and its latest detail, redrawn twice a second. The
 * current step is bold and outcomes are green or red, unless {@link NoColor} asks for none.
 */
public final class TerminalProgress implements Progress {
  private static final String CLEAR_LINE = "\r\033[2K";
  private final PrintWriter out;
  private final String bold;
  private final String green;
  private final String red;
  private final String plain;
  private final RunClock clock = new RunClock();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
          });
  private String current = "";
  private String detail = "";
  private long currentSinceMs;

  /** Coloured unless {@code NO_COLOR} says otherwise. */
  public TerminalProgress(PrintWriter out) {
    this(out, !NoColor.requested());
  }

  TerminalProgress(PrintWriter out, boolean colour) {
    this.out = out;
    this.bold = colour ? "\033[1m" : "";
    this.green = colour ? "\033[32m" : "";
    this.red = colour ? "\033[31m" : "";
    this.plain = colour ? "\033[0m" : "";
    var unused =
        ticker.scheduleAtFixedRate(
            this::redraw, 500, 500, TimeUnit.MILLISECONDS); // ended by close()
  }

  private synchronized void redraw() {
    double elapsed = (clock.nowMs() - currentSinceMs) / 1000.0;
    out.printf("%s%s%s%s  %.0fs  %s", CLEAR_LINE, bold, current, plain, elapsed, detail);
    out.flush();
  }

  private synchronized void scroll(String line) {
    out.print(CLEAR_LINE + line + "\n");
    redraw();
  }

  @Override
  public synchronized void phase(String name) {
    current = name;
    detail = "";
    currentSinceMs = clock.nowMs();
    scroll(String.format("[%6.1fs] %s", clock.nowMs() / 1000.0, name));
  }

  @Override
  public synchronized void stepStarted(String path, String summary) {
    current = "step " + StepPaths.display(path) + ": " + summary;
    detail = "";
    currentSinceMs = clock.nowMs();
    redraw();
  }

  @Override
  public synchronized void detail(String text) {
    detail = text;
    redraw();
  }

  @Override
  public synchronized void stepFinished(StepRecord step) {
    String colour = step.outcome().passed() ? green : red;
    scroll(
        String.format(
            "[%6.1fs] step %s: %s%s%s in %.1f s  %s%s",
            clock.nowMs() / 1000.0,
            StepPaths.display(step.path()),
            colour,
            step.outcome(),
            plain,
            (step.endMs() - step.startMs()) / 1000.0,
            step.summary(),
            step.message() == null || step.message().isEmpty() ? "" : " - " + step.message()));
  }

  @Override
  public synchronized void close() {
    ticker.shutdownNow();
    out.print(CLEAR_LINE);
    out.flush();
  }
}
