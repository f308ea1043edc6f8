package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help;

/**
 * What every command shares: summaries in --help, suggestions for typos, verbosity, no colour on
 * request.
 */
class CliConventionsTest {
  /** None now: run and plan have whole first sentences too. */
  private static final Set<String> CHANGED_ELSEWHERE = Set.of();

  @Test
  void helpKeepsEachDescriptionLineWhole() {
    for (String command : List.of("run", "validate", "clean", "bench")) {
      InProcessCli help = InProcessCli.run(command, "--help");
      for (String line : help.stdout().lines().toList()) {
        assertTrue(
            line.length() <= NestbedCli.HELP_WIDTH,
            command + " --help has a line past " + NestbedCli.HELP_WIDTH + ": " + line);
      }
      assertFalse(
          help.stdout().lines().anyMatch(l -> l.strip().matches("[a-z,.]+")),
          command + " --help breaks a sentence, leaving a word alone on a line:\n" + help.stdout());
    }
  }

  @Test
  void everyCommandsSummaryIsOneWholeSentenceAndHelpShowsItWhole() {
    List<String> summaries = new ArrayList<>();
    collect(NestbedCli.commandLine(), summaries);
    InProcessCli help = InProcessCli.run("--help");
    String shown = help.stdout().replaceAll("\\s+", " ");

    for (String summary : summaries) {
      String sentence = summary.substring(summary.indexOf(": ") + 2);
      assertTrue(
          sentence.matches("[A-Z].*[^.]\\.") && !sentence.contains(". "),
          "not one whole sentence: " + summary);
    }
    for (String command : NestbedCli.commandLine().getSubcommands().keySet()) {
      String qualified = "nestbed " + command;
      if (!CHANGED_ELSEWHERE.contains(qualified)) {
        String first = summary(NestbedCli.commandLine().getSubcommands().get(command));
        assertTrue(
            shown.contains(" " + command + " " + first),
            first + " is not whole in\n" + help.stdout());
      }
    }
  }

  /**
   * What picocli lists for a command: its header if it has one (picocli's help command does), else
   * the description's first line.
   */
  private static String summary(CommandLine command) {
    String[] header = command.getCommandSpec().usageMessage().header();
    return header.length > 0 ? header[0] : command.getCommandSpec().usageMessage().description()[0];
  }

  private static void collect(CommandLine command, List<String> summaries) {
    for (CommandLine sub : command.getSubcommands().values()) {
      String qualified = sub.getCommandSpec().qualifiedName();
      if (!CHANGED_ELSEWHERE.contains(qualified)) {
        summaries.add(qualified + ": " + summary(sub));
      }
      collect(sub, summaries);
    }
  }

  @Test
  void aMistypedCommandGetsTheNearestCommandsAndExit2() {
    InProcessCli typo = InProcessCli.run("vaildate", "scenarios/examples/quickstart.yaml");

    assertEquals(2, typo.exitCode());
    assertEquals("", typo.stdout());
    assertEquals(
        """
        error: 'vaildate' is not a command of nestbed
        hint: did you mean 'nestbed validate' or 'nestbed vagrant'? see 'nestbed --help'
        """,
        typo.stderr());
  }

  @Test
  void aMistypedSubcommandIsSuggestedWithItsParent() {
    InProcessCli typo = InProcessCli.run("bench", "valdate");

    assertEquals(2, typo.exitCode());
    assertTrue(typo.stderr().contains("did you mean 'nestbed bench validate'"), typo.stderr());
  }

  @Test
  void aMistypedOptionGetsTheNearestOption() {
    InProcessCli typo = InProcessCli.run("validate", "--jsno", "x.yaml");

    assertEquals(2, typo.exitCode());
    assertTrue(typo.stderr().startsWith("error: Unknown option: '--jsno'\n"), typo.stderr());
    assertTrue(typo.stderr().contains("did you mean '--json'"), typo.stderr());
  }

  @Test
  void quietAndVerboseTogetherAreRefused() {
    InProcessCli both = InProcessCli.run("-q", "validate", "-v", "x.yaml");

    assertEquals(2, both.exitCode());
    assertTrue(both.stderr().contains("give one"), both.stderr());
  }

  @Test
  void verbosityIsChosenOnAnyCommand() {
    CommandLine cli = NestbedCli.commandLine();
    cli.parseArgs("validate", "--quiet", "x.yaml");

    assertEquals(Verbosity.QUIET, ((NestbedCli) cli.getCommand()).verbosity());
  }

  @Test
  void noColorTurnsHelpColourOffEvenWherePicocliWouldColourIt() {
    assertEquals(Help.Ansi.OFF, NestbedCli.ansi("1"));
    assertEquals(
        Help.Ansi.AUTO, NestbedCli.ansi(""), "an empty NO_COLOR asks for nothing (no-color.org)");
    assertEquals(Help.Ansi.AUTO, NestbedCli.ansi(null));
    String previous = System.getProperty("picocli.ansi");
    System.setProperty("picocli.ansi", "true"); // as if on a terminal
    try {
      String coloured =
          NestbedCli.commandLine()
              .setColorScheme(Help.defaultColorScheme(NestbedCli.ansi(null)))
              .getUsageMessage();
      String plain =
          NestbedCli.commandLine()
              .setColorScheme(Help.defaultColorScheme(NestbedCli.ansi("1")))
              .getUsageMessage();

      assertTrue(coloured.contains("\u001b["), "the test cannot see colour: " + coloured);
      assertFalse(plain.contains("\u001b"), plain);
    } finally {
      if (previous == null) {
        System.clearProperty("picocli.ansi");
      } else {
        System.setProperty("picocli.ansi", previous);
      }
    }
  }

  @Test
  void runningOutOfMemoryIsAnInternalErrorWithAHintNotARawTrace() {
    java.io.StringWriter text = new java.io.StringWriter();
    int exit =
        ErrorHandler.onOutOfMemory(
            new OutOfMemoryError("Java heap space"), new java.io.PrintWriter(text));
    assertEquals(ExitCode.NESTBED_ERROR, exit);
    assertTrue(
        text.toString().startsWith("error: nestbed ran out of memory (Java heap space, max heap "),
        text.toString());
    assertTrue(text.toString().contains("hint: give the JVM a larger heap"), text.toString());
    assertFalse(text.toString().contains("\tat "), "no stack trace without --debug: " + text);
  }
}
