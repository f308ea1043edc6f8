package dev.nestbed.scenario.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.nestbed.scenario.record.RunRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * results.json: the run record as pretty-printed JSON, fields in the order the records declare
 * them, maps in the order the runner filled them (phases stay plan, nodes, boot, steps, teardown),
 * numbers as JSON numbers.
 */
public final class ResultsJson {
  /** The file name inside the output directory. */
  public static final String FILE_NAME = "results.json";

  // Unknown fields are tolerated on reading so that an older nestbed can read newer results.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private ResultsJson() {}

  /** Writes the record to {@code file}, replacing it. */
  public static void write(RunRecord run, Path file) throws IOException {
    Files.writeString(file, toJson(run) + "\n", StandardCharsets.UTF_8);
  }

  /** Reads a results.json written by {@link #write}. */
  public static RunRecord read(Path file) throws IOException {
    try {
      return MAPPER.readValue(file.toFile(), RunRecord.class);
    } catch (IOException e) {
      throw new IOException("cannot read the run results in " + file + ": " + e.getMessage(), e);
    }
  }

  static String toJson(RunRecord run) throws IOException {
    return MAPPER.writeValueAsString(run);
  }
}
