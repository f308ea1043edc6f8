package dev.nestbed.scenario.parse;

import dev.nestbed.core.NestbedException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A scenario file that cannot run, with every problem found in it. The message lists them all, one
 * {@code file:line:col: message} each, so the user fixes the file in one pass.
 */
public final class ScenarioInvalidException extends NestbedException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  /**
   * @param problems at least one, each located in the same file
   */
  public ScenarioInvalidException(List<Problem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** The file as named to the loader. */
  public String file() {
    return problems.get(0).location().file();
  }

  /** In file order. */
  public List<Problem> problems() {
    return problems;
  }

  private static String message(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid scenario has at least one problem");
    }
    String file = problems.get(0).location().file();
    String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
    return "scenario "
        + file
        + " has "
        + count
        + ":\n"
        + problems.stream().map(Problem::format).collect(Collectors.joining("\n"));
  }
}
