package dev.nestbed.scenario.parse;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import dev.nestbed.scenario.spec.Location;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns a YAML syntax error into one problem. SnakeYAML's own mark is preferred over Jackson's
 * location, which points at the last good token rather than at the offending character.
 */
final class SyntaxErrors {
  private final String file;
  private final Problems problems;

  SyntaxErrors(String file, Problems problems) {
    this.file = file;
    this.problems = problems;
  }

  void report(JacksonException e) {
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      String problem = clean(marked.getProblem());
      String message = "YAML syntax error: " + problem;
      if (problem.contains("(TAB)")) {
        message = "YAML syntax error: a tab character where YAML allows only spaces";
      } else if (marked.getContext() != null) {
        message += ", " + clean(marked.getContext());
        if (marked.getContextMark() != null) {
          message += " that began at " + lineColumn(marked.getContextMark());
        }
      }
      problems.add(at(marked.getProblemMark()), message, hint(problem));
      return;
    }
    JsonLocation location = e.getLocation();
    Location at =
        location == null
            ? new Location(file, 1, 1)
            : new Location(
                file, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    problems.add(at, "YAML syntax error: " + clean(e.getOriginalMessage()), hint(""));
  }

  private Location at(Mark mark) {
    return new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static String lineColumn(Mark mark) {
    return (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
  }

  private static String clean(String text) {
    String line = text == null ? "unreadable YAML" : text.strip();
    return line.replace("\\t(TAB)", "(TAB)").replace("\n", " ");
  }

  private static String hint(String problem) {
    if (problem.contains("(TAB)")) {
      return "indent with spaces; YAML does not allow tabs";
    }
    if (problem.contains("mapping values are not allowed")) {
      return "check the indentation of this line, or quote a value that contains ': '";
    }
    if (problem.contains("expected ',' or ']'")) {
      return "separate list items with ',' and close the list with ']'";
    }
    if (problem.contains("expected ',' or '}'")) {
      return "separate entries with ',' and close the map with '}'";
    }
    if (problem.contains("end of stream")) {
      return "a quote or bracket opened earlier is never closed";
    }
    return "check the indentation and the brackets around this line";
  }
}
