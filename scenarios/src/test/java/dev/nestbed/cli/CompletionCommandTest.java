package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code nestbed completion}: scripts that know every command, for bash and (through bash's) zsh.
 */
class CompletionCommandTest {
  @Test
  void theBashScriptCompletesEveryCommandAndSubcommand() {
    InProcessCli bash = InProcessCli.run("completion", "bash");

    assertEquals(0, bash.exitCode(), bash.stderr());
    assertTrue(
        bash.stdout().contains("complete -F _complete_nestbed"),
        "not a script registering nestbed");
    CommandLine cli = NestbedCli.commandLine();
    for (String command : cli.getSubcommands().keySet()) {
      assertTrue(bash.stdout().contains(command), command + " missing");
    }
    for (String bench : cli.getSubcommands().get("bench").getSubcommands().keySet()) {
      assertTrue(
          bash.stdout().contains("function _picocli_nestbed_bench_" + bench + "()"),
          "bench " + bench);
    }
    assertTrue(bash.stdout().contains("--dry-run"));
    assertTrue(
        bash.stdout().contains("SHELL_pos_param_args=(\"bash\" \"zsh\")"),
        "completion's SHELL is not completed");
  }

  @Test
  void theZshScriptIsTheBashOneRunThroughBashcompinit() {
    InProcessCli zsh = InProcessCli.run("completion", "zsh");
    InProcessCli bash = InProcessCli.run("completion", "bash");

    assertEquals(0, zsh.exitCode(), zsh.stderr());
    assertTrue(zsh.stdout().startsWith("# nestbed completion for zsh"), zsh.stdout());
    assertTrue(zsh.stdout().endsWith(bash.stdout()));
    assertTrue(zsh.stdout().contains("autoload -U +X bashcompinit && bashcompinit"));
  }

  @Test
  void anotherShellIsRefused() {
    InProcessCli fish = InProcessCli.run("completion", "fish");

    assertEquals(2, fish.exitCode());
    assertEquals("", fish.stdout());
    assertTrue(fish.stderr().contains("give bash or zsh"), fish.stderr());
  }
}
