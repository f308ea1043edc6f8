package dev.nestbed.cli;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nestbed completion bash|zsh}: a script that completes nestbed's commands and options,
 * written by picocli from the command line itself, so it cannot drift from it.
 */
@Command(
    name = "completion",
    description = {
      "Print a shell script that completes nestbed's commands.",
      "bash: put 'source <(nestbed completion bash)' in ~/.bashrc, or save the script as"
          + " /etc/bash_completion.d/nestbed.",
      "zsh: put 'source <(nestbed completion zsh)' in ~/.zshrc. It is the bash script, run through zsh's"
          + " bash completion, which the script turns on itself ('autoload -U +X bashcompinit && bashcompinit',"
          + " after compinit if that has not run)."
    })
final class CompletionCommand implements Callable<Integer> {
  private static final String ZSH_HEADER =
      """
      # nestbed completion for zsh: the bash completion script below, which zsh runs through its
      # bash compatibility. Under zsh the script itself runs compinit (unless it has run) and then
      # 'autoload -U +X bashcompinit && bashcompinit'.
      # Load it from ~/.zshrc:  source <(nestbed completion zsh)
      """;

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "SHELL",
      completionCandidates = Shells.class,
      description = "bash or zsh.")
  String shell;

  /** The shells a script is written for; also what the script offers after {@code completion}. */
  static final class Shells implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("bash", "zsh").iterator();
    }
  }

  @Override
  public Integer call() {
    String script = AutoComplete.bash(spec.root().name(), spec.root().commandLine());
    String text =
        switch (shell) {
          case "bash" -> script;
          case "zsh" -> ZSH_HEADER + script;
          default ->
              throw new ParameterException(
                  spec.commandLine(),
                  "no completion for the shell '" + shell + "': give bash or zsh");
        };
    spec.commandLine().getOut().print(text);
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }
}
