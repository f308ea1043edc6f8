package dev.nestbed.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;

/**
 * What {@code --json} prints: one indented JSON document on stdout, then a newline, and nothing
 * else there. Field names are camelCase; a fact the text leaves out is null, never missing.
 */
final class JsonOutput {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonOutput() {}

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static void print(JsonNode document, PrintWriter out) {
    try {
      out.print(JSON.writeValueAsString(document) + System.lineSeparator());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of JSON nodes that Jackson cannot write", e);
    }
    out.flush();
  }
}
