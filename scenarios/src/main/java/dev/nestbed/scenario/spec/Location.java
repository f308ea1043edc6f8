package dev.nestbed.scenario.spec;

/**
 * Where something was written in a scenario file. Lines and columns are 1-based, as editors and
 * compilers count them, so {@code file:line:col} can be clicked in most terminals and IDEs.
 */
public record Location(String file, int line, int column) {
  /** {@code file:line:col}. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
