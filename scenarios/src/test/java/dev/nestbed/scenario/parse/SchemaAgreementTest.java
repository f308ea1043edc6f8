package dev.nestbed.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The JSON Schema editors load and {@code validate} agree, checked with a JSON Schema validator
 * from outside the project on every fixture: whatever validates is accepted by the schema, and
 * whatever is refused for a reason a schema can express (an unknown key, a missing one, a wrong
 * type, a value outside its choices or pattern) is refused by the schema too. References between
 * sections, the lifecycle and capacity are {@code validate}'s alone.
 */
class SchemaAgreementTest {
  /** Problems a schema can express, as {@code validate} words them. */
  private static final Pattern SCHEMA_EXPRESSIBLE =
      Pattern.compile(
          String.join(
              "|",
              "unknown key",
              ": missing '",
              " must be an? ",
              "must be true or false",
              "unknown (mode|backend|provider|policy)",
              "^unknown step",
              "unknown unit",
              "missing unit",
              "must be 1-[0-9]+ characters",
              "must be at least"));

  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
          .getSchema(readJson(ScenarioSchema.json()));
  private static final YAMLMapper YAML = new YAMLMapper();

  private static JsonNode readJson(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (Exception e) {
      throw new AssertionError("the schema is not JSON", e);
    }
  }

  private static List<Path> fixtures(String resource) throws Exception {
    Path directory = Path.of(SchemaAgreementTest.class.getResource(resource).toURI());
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  private static List<Path> examples() throws Exception {
    Path directory = Path.of(SchemaAgreementTest.class.getResource("/valid").toURI());
    for (; directory != null; directory = directory.getParent()) {
      if (Files.isDirectory(directory.resolve("examples"))
          && Files.exists(directory.resolve("pom.xml"))) {
        try (Stream<Path> files = Files.list(directory.resolve("examples"))) {
          return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
      }
    }
    return List.of();
  }

  /** The document as the schema sees it, or empty when it is not one YAML document. */
  private static Optional<JsonNode> document(Path file) {
    try {
      return Optional.of(YAML.readTree(file.toFile()));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  @Test
  void theSchemaIsDraft07AndItselfValid() {
    SchemaRegistry meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    List<Error> errors =
        meta.getSchema(readJson("{\"$ref\": \"http://json-schema.org/draft-07/schema#\"}"))
            .validate(readJson(ScenarioSchema.json()));
    assertTrue(errors.isEmpty(), errors::toString);
  }

  @Test
  void everyValidScenarioIsAcceptedByTheSchema() throws Exception {
    List<Path> valid = new ArrayList<>(fixtures("/valid"));
    valid.addAll(examples());
    assertFalse(valid.isEmpty());
    List<Executable> checks = new ArrayList<>();
    for (Path file : valid) {
      checks.add(
          () -> {
            assertDoesNotThrow(() -> ScenarioLoader.load(file), file + " validates");
            List<Error> errors = SCHEMA.validate(document(file).orElseThrow());
            assertTrue(
                errors.isEmpty(), file.getFileName() + " is valid but the schema says " + errors);
          });
    }
    assertAll(checks);
  }

  @Test
  void whatValidateRefusesForAReasonASchemaCanExpressTheSchemaRefusesToo() throws Exception {
    List<Executable> checks = new ArrayList<>();
    int compared = 0;
    for (Path file : fixtures("/invalid")) {
      List<String> expressible =
          Files.readAllLines(
                  file.resolveSibling(file.getFileName().toString().replace(".yaml", ".expected")))
              .stream()
              .filter(l -> !l.startsWith("  hint:"))
              .map(l -> l.replaceFirst("^[^ ]+: ", ""))
              .filter(l -> SCHEMA_EXPRESSIBLE.matcher(l).find())
              .toList();
      Optional<JsonNode> document = document(file);
      if (expressible.isEmpty() || document.isEmpty()) {
        continue;
      }
      compared++;
      checks.add(
          () ->
              assertFalse(
                  SCHEMA.validate(document.get()).isEmpty(),
                  file.getFileName()
                      + " is refused by validate ("
                      + expressible
                      + ") but accepted by the schema"));
    }
    assertTrue(compared >= 15, "too few fixtures compared: " + compared);
    assertAll(checks);
  }
}
