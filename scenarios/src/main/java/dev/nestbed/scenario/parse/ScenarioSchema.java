package dev.nestbed.scenario.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The scenario language as a JSON Schema, for editors: completion, hover text and squiggles while
 * typing. Draft-07, because that is what editors' YAML support (the YAML language server) and ajv's
 * default mode load; the content needs nothing newer. The loader is the authority (it also checks
 * references, the lifecycle and capacity, which a schema cannot); tests hold the two to the same
 * keys and run every fixture through both.
 */
public final class ScenarioSchema {
  /** The JSON Schema dialect the schema is written in. */
  public static final String DIALECT = "http://json-schema.org/draft-07/schema#";

  /**
   * The schema's identity: a URN in nestbed's own namespace (as its libvirt metadata uses), so it
   * names no web address nestbed does not control. Editors take the schema from a file.
   */
  public static final String ID = "urn:nestbed:schema:scenario:1";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String NAME = "^[a-z][a-z0-9-]*$";
  private static final String NUMBER = "[0-9]+(\\.[0-9]+)? ?";

  private final ObjectNode defs = JSON.objectNode();

  private ScenarioSchema() {}

  /** The schema, pretty-printed. */
  public static String json() {
    try {
      return new ObjectMapper()
          .writerWithDefaultPrettyPrinter()
          .writeValueAsString(new ScenarioSchema().build());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot print the scenario schema", e);
    }
  }

  private ObjectNode build() {
    ObjectNode root = JSON.objectNode();
    root.put("$schema", DIALECT);
    root.put("$id", ID);
    root.put("title", "nestbed scenario");
    root.put("$ref", "#/definitions/scenario");
    values();
    new ScenarioSchemaObjects(this).define();
    root.set("definitions", defs);
    return root;
  }

  private void values() {
    defs.set(
        "size",
        string(
            "^" + NUMBER + "(B|KiB|MiB|GiB|TiB|kB|MB|GB|TB)$",
            "A size with its unit: 256MiB, 1.5GiB, 10GB. A bare number is an error."));
    defs.set(
        "duration",
        string(
            "^(" + NUMBER + "(h|m|s|ms|us|\u00b5s|ns))+$",
            "A duration with its unit: 300ms, 2s, 1m30s. A bare number is an error."));
    defs.set(
        "rate",
        string(
            "^" + NUMBER + "(B|KiB|MiB|GiB|TiB|kB|MB|GB|TB|bit|kbit|Mbit|Gbit|Tbit)/s$",
            "A rate per second: 100MiB/s, 10Gbit/s."));
    defs.set("node-name", name(12, "A node: 1-12 lowercase letters, digits and '-'."));
    defs.set("pool-name", name(24, "A pool: 1-24 lowercase letters, digits and '-'."));
    defs.set("partition-name", name(24, "A partition: 1-24 lowercase letters, digits and '-'."));
    defs.set("partition-names", list(ref("partition-name"), "Partitions by name."));
    defs.set("node-names", list(ref("node-name"), "Nodes by name."));
  }

  /** Declares a map definition: no keys beyond those added with {@link #key}. */
  ObjectNode object(String definition, String description, String... required) {
    ObjectNode object = JSON.objectNode();
    object.put("type", "object");
    object.put("description", description);
    object.put("additionalProperties", false);
    object.set("properties", JSON.objectNode());
    if (required.length > 0) {
      ArrayNode names = object.putArray("required");
      List.of(required).forEach(names::add);
    }
    defs.set(definition, object);
    return object;
  }

  /** Adds a documented key to a map definition. */
  ScenarioSchema key(ObjectNode object, String key, ObjectNode schema, String description) {
    ObjectNode property = schema.deepCopy();
    property.put("description", description);
    ((ObjectNode) object.get("properties")).set(key, property);
    return this;
  }

  static ObjectNode ref(String definition) {
    return JSON.objectNode().put("$ref", "#/definitions/" + definition);
  }

  static ObjectNode string(String pattern, @Nullable String description) {
    ObjectNode string = JSON.objectNode().put("type", "string");
    if (pattern != null) {
      string.put("pattern", pattern);
    }
    return description == null ? string : string.put("description", description);
  }

  static ObjectNode text() {
    return JSON.objectNode().put("type", "string");
  }

  static ObjectNode choice(List<String> values) {
    ObjectNode choice = JSON.objectNode();
    ArrayNode allowed = choice.putArray("enum");
    values.forEach(allowed::add);
    return choice;
  }

  static ObjectNode integer(int minimum) {
    return JSON.objectNode().put("type", "integer").put("minimum", minimum);
  }

  static ObjectNode bool() {
    return JSON.objectNode().put("type", "boolean");
  }

  static ObjectNode list(ObjectNode items, @Nullable String description) {
    ObjectNode list = JSON.objectNode().put("type", "array");
    list.set("items", items);
    return description == null ? list : list.put("description", description);
  }

  static ObjectNode oneOf(ObjectNode... choices) {
    ObjectNode node = JSON.objectNode();
    ArrayNode options = node.putArray("oneOf");
    List.of(choices).forEach(options::add);
    return node;
  }

  private static ObjectNode name(int maxLength, String description) {
    return string(NAME, description).put("maxLength", maxLength);
  }
}
