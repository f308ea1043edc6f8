package dev.nestbed.scenario.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.StepRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Progress on a terminal is coloured, unless NO_COLOR asks for none; redrawing the status line is
 * not colour.
 */
class TerminalProgressTest {
  private static String shown(boolean colour) {
    StringWriter text = new StringWriter();
    TerminalProgress progress = new TerminalProgress(new PrintWriter(text), colour);
    progress.stepStarted("0", "start p1");
    progress.stepFinished(
        new StepRecord(
            "0",
            "start",
            List.of("p1"),
            "start p1",
            0,
            1200,
            Outcome.PASSED,
            "",
            Map.of(),
            List.of()));
    progress.close();
    return text.toString();
  }

  @Test
  void noColorLeavesOnlyTheLineClearing() {
    String plain = shown(false);

    assertFalse(plain.replace("\r\u001b[2K", "").contains("\u001b"), plain);
    assertTrue(plain.contains("step 1: PASSED in 1.2 s"), plain);
  }

  @Test
  void colourMarksTheOutcome() {
    assertTrue(shown(true).contains("\u001b[32mPASSED\u001b[0m"));
  }

  @Test
  void noColorIsSetWhenNotEmpty() {
    assertTrue(NoColor.requested("1"));
    assertFalse(NoColor.requested(""));
    assertFalse(NoColor.requested(null));
  }
}
