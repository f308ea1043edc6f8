package dev.nestbed.scenario.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A {@link RunComparison} as pretty-printed JSON, for scripts: the same facts as the text, fields
 * in the order the records declare them, a value a run did not record as null.
 */
public final class ComparisonJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private ComparisonJson() {}

  public static String render(RunComparison comparison) {
    try {
      return MAPPER.writeValueAsString(comparison);
    } catch (JsonProcessingException e) {
      // Records of strings, numbers and enums always serialize: this is a defect, not bad input.
      throw new IllegalStateException("cannot write the comparison as JSON: " + e.getMessage(), e);
    }
  }
}
