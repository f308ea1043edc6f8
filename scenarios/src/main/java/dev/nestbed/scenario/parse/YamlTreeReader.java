package dev.nestbed.scenario.parse;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.nestbed.scenario.parse.YamlNode.Entry;
import dev.nestbed.scenario.parse.YamlNode.Mapping;
import dev.nestbed.scenario.parse.YamlNode.Scalar;
import dev.nestbed.scenario.parse.YamlNode.Sequence;
import dev.nestbed.scenario.spec.Location;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Streams a YAML text through Jackson's {@link YAMLParser} into {@link YamlNode}s, keeping the line
 * and column of every key and value. Syntax errors, duplicate keys, aliases and extra documents
 * become problems; only a syntax error stops the reading, as nothing after it can be trusted.
 */
final class YamlTreeReader {
  /**
   * SnakeYAML refuses documents past 3 MiB by default; a scenario may be as large as the loader
   * reads ({@link ScenarioLoader#MAX_BYTES}). Nesting is bounded here, at the line that passes the
   * bound, well above any scenario's (the deepest is a step in a parallel group in a parallel
   * group).
   */
  static final int MAX_NESTING = 64;

  private static final YAMLFactory FACTORY =
      YAMLFactory.builder()
          .loaderOptions(loaderOptions())
          .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
          .build(); // as new YAMLFactory() has it; the builder does not

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit((int) ScenarioLoader.MAX_BYTES);
    options.setNestingDepthLimit(MAX_NESTING);
    return options;
  }

  private final String file;
  private final Problems problems;
  private final YAMLParser parser;
  private int depth;

  /** Unwinds the reading once the nesting limit is passed. */
  private static final class TooDeep extends RuntimeException {
    TooDeep() {
      super(null, null, false, false);
    }
  }

  private YamlTreeReader(String file, Problems problems, YAMLParser parser) {
    this.file = file;
    this.problems = problems;
    this.parser = parser;
  }

  /** The document's root, or empty when there is none or it could not be read. */
  static Optional<YamlNode> read(String file, String text, Problems problems) {
    YAMLParser parser;
    try {
      parser = FACTORY.createParser(text);
    } catch (JacksonException e) {
      new SyntaxErrors(file, problems).report(e);
      return Optional.empty();
    } catch (IOException e) {
      problems.add(new Location(file, 1, 1), "cannot read YAML: " + e.getMessage(), null);
      return Optional.empty();
    }
    return new YamlTreeReader(file, problems, parser).readDocument();
  }

  private Optional<YamlNode> readDocument() {
    try (parser) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        problems.add(
            new Location(file, 1, 1),
            "the file is empty",
            "a scenario needs at least name, nodes, pools and partitions; see SCENARIO.md");
        return Optional.empty();
      }
      YamlNode root = readValue(first);
      if (parser.nextToken() != null) {
        problems.add(
            here(),
            "a scenario file holds one YAML document; a second one starts here",
            "remove the '---' and everything after it, or split the file in two");
      }
      return Optional.of(root);
    } catch (TooDeep e) {
      return Optional.empty(); // reported where it happened; nothing below it can be trusted
    } catch (JacksonException e) {
      new SyntaxErrors(file, problems).report(e);
      return Optional.empty();
    } catch (IOException e) {
      // Reading a String cannot fail on I/O; anything else is a parser error.
      problems.add(new Location(file, 1, 1), "cannot read YAML: " + e.getMessage(), null);
      return Optional.empty();
    }
  }

  private YamlNode readValue(JsonToken token) throws IOException {
    Location at = here();
    if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)
        && ++depth > MAX_NESTING) {
      problems.add(
          at,
          "the YAML is nested more than " + MAX_NESTING + " levels deep here",
          "a scenario needs a few levels; is it a scenario at all?");
      throw new TooDeep();
    }
    try {
      return readNode(token, at);
    } finally {
      if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
        depth--;
      }
    }
  }

  private YamlNode readNode(JsonToken token, Location at) throws IOException {
    return switch (token) {
      case START_OBJECT -> readMapping(at);
      case START_ARRAY -> readSequence(at);
      case VALUE_STRING -> readString(at);
      case VALUE_NUMBER_INT -> new Scalar(parser.getText(), Scalar.Type.INTEGER, at);
      case VALUE_NUMBER_FLOAT -> new Scalar(parser.getText(), Scalar.Type.DECIMAL, at);
      case VALUE_TRUE -> new Scalar(parser.getText(), Scalar.Type.TRUE, at);
      case VALUE_FALSE -> new Scalar(parser.getText(), Scalar.Type.FALSE, at);
      case VALUE_NULL -> new Scalar("", Scalar.Type.NULL, at);
      default -> throw new IllegalStateException("unexpected YAML token " + token + " at " + at);
    };
  }

  private Scalar readString(Location at) throws IOException {
    if (parser.isCurrentAlias()) {
      problems.add(
          at,
          "YAML aliases (*" + parser.getText() + ") are not supported",
          "write the value out; a scenario should read top to bottom");
      return new Scalar(parser.getText(), Scalar.Type.ALIAS, at);
    }
    return new Scalar(parser.getText(), Scalar.Type.STRING, at);
  }

  private Mapping readMapping(Location at) throws IOException {
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_OBJECT;
        token = parser.nextToken()) {
      String key = parser.currentName();
      Location keyAt = here();
      YamlNode value = readValue(parser.nextToken());
      Entry first = entries.get(key);
      if (first != null) {
        problems.add(
            keyAt,
            "duplicate key '" + key + "'",
            "it is already set at line " + first.keyLocation().line() + "; keep one");
      } else {
        entries.put(key, new Entry(key, keyAt, value));
      }
    }
    return new Mapping(entries, at);
  }

  private Sequence readSequence(Location at) throws IOException {
    List<YamlNode> items = new ArrayList<>();
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_ARRAY;
        token = parser.nextToken()) {
      items.add(readValue(token));
    }
    return new Sequence(items, at);
  }

  private Location here() {
    JsonLocation location = parser.currentTokenLocation();
    return new Location(file, location.getLineNr(), location.getColumnNr());
  }
}
