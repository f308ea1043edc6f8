package dev.nestbed.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ScenarioSchemaTest {
  private final JsonNode schema = read();

  private static JsonNode read() {
    try {
      return new ObjectMapper().readTree(ScenarioSchema.json());
    } catch (Exception e) {
      throw new AssertionError("the schema is not JSON", e);
    }
  }

  @Test
  void isADraft07SchemaRootedAtTheScenario() {
    assertEquals("http://json-schema.org/draft-07/schema#", schema.get("$schema").asText());
    assertEquals("urn:nestbed:schema:scenario:1", schema.get("$id").asText());
    assertEquals("#/definitions/scenario", schema.get("$ref").asText());
  }

  @Test
  void documentsEveryKeyTheParserAcceptsAndNoOther() {
    List<Runnable> checks = new ArrayList<>();
    for (Map.Entry<String, List<String>> definition : Keys.BY_DEFINITION.entrySet()) {
      JsonNode properties = schema.at("/definitions/" + definition.getKey() + "/properties");
      List<String> documented = new ArrayList<>();
      properties.fieldNames().forEachRemaining(documented::add);
      checks.add(
          () -> assertEquals(definition.getValue(), documented, "keys of " + definition.getKey()));
      for (String key : definition.getValue()) {
        checks.add(
            () ->
                assertFalse(
                    properties.path(key).path("description").asText().isBlank(),
                    definition.getKey() + "." + key + " has a description"));
      }
    }
    assertAll(checks.stream().map(check -> check::run));
  }

  @Test
  void everyReferenceResolves() {
    List<String> refs = new ArrayList<>();
    collectRefs(schema, refs);
    assertFalse(refs.isEmpty());
    assertAll(
        refs.stream()
            .map(
                ref ->
                    () ->
                        assertFalse(
                            schema.at(ref.substring(1)).isMissingNode(), ref + " resolves")));
  }

  @Test
  void valuePatternsAcceptWhatTheValueTypesParseAndRejectBareNumbers() {
    Pattern size = Pattern.compile(schema.at("/definitions/size/pattern").asText());
    Pattern duration = Pattern.compile(schema.at("/definitions/duration/pattern").asText());
    Pattern rate = Pattern.compile(schema.at("/definitions/rate/pattern").asText());
    assertAll(
        () -> assertTrue(size.matcher("1.5GiB").find()),
        () -> assertTrue(size.matcher("256 MiB").find()),
        () -> assertFalse(size.matcher("2048").find()),
        () -> assertTrue(duration.matcher("1m30s").find()),
        () -> assertTrue(duration.matcher("300ms").find()),
        () -> assertFalse(duration.matcher("30").find()),
        () -> assertTrue(rate.matcher("10Gbit/s").find()),
        () -> assertFalse(rate.matcher("100MiB").find()));
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.has("$ref")) {
      refs.add(node.get("$ref").asText());
    }
    node.elements().forEachRemaining(child -> collectRefs(child, refs));
  }
}
