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

/**
 * Streams a YAML text through Jackson's {@link YAMLParser} into {@link YamlNode}s, keeping the
 * line and column of every key and value. Syntax errors, duplicate keys, aliases and extra
 * documents become problems; only a syntax error stops the reading, as nothing after it can be
 * trusted.
 */
final class YamlTreeReader {
  private static final YAMLFactory FACTORY = new YAMLFactory();

  private final String file;
  private final Problems problems;
  private YAMLParser parser;

  private YamlTreeReader(String file, Problems problems) {
    this.file = file;
    this.problems = problems;
  }

  /** The document's root, or empty when there is none or it could not be read. */
  static Optional<YamlNode> read(String file, String text, Problems problems) {
    return new YamlTreeReader(file, problems).readDocument(text);
  }

  private Optional<YamlNode> readDocument(String text) {
    try (YAMLParser yaml = FACTORY.createParser(text)) {
      parser = yaml;
      JsonToken first = parser.nextToken();
      if (first == null) {
        problems.add(new Location(file, 1, 1), "the file is empty",
            "a scenario needs at least name, nodes, pools and partitions; see SCENARIO.md");
        return Optional.empty();
      }
      YamlNode root = readValue(first);
      if (parser.nextToken() != null) {
        problems.add(here(), "a scenario file holds one YAML document; a second one starts here",
            "remove the '---' and everything after it, or split the file in two");
      }
      return Optional.of(root);
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
      problems.add(at, "YAML aliases (*" + parser.getText() + ") are not supported",
          "write the value out; a scenario should read top to bottom");
      return new Scalar(parser.getText(), Scalar.Type.ALIAS, at);
    }
    return new Scalar(parser.getText(), Scalar.Type.STRING, at);
  }

  private Mapping readMapping(Location at) throws IOException {
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT;
        token = parser.nextToken()) {
      String key = parser.currentName();
      Location keyAt = here();
      YamlNode value = readValue(parser.nextToken());
      Entry first = entries.get(key);
      if (first != null) {
        problems.add(keyAt, "duplicate key '" + key + "'",
            "it is already set at line " + first.keyLocation().line() + "; keep one");
      } else {
        entries.put(key, new Entry(key, keyAt, value));
      }
    }
    return new Mapping(entries, at);
  }

  private Sequence readSequence(Location at) throws IOException {
    List<YamlNode> items = new ArrayList<>();
    for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY;
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
