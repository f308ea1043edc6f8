package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nestbed.aggregator.local.Leftover;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * {@code clean --dry-run}: the text and the JSON list the same leftovers, and the JSON needs the
 * dry run.
 */
class CleanDryRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Leftover> FOUND =
      List.of(
          new Leftover(
              Leftover.Kind.RUN,
              "/tmp/nestbed-0/0a1b2c3d",
              "0a1b2c3d",
              OptionalLong.empty(),
              null,
              Leftover.Action.KEEP,
              "it is still running (pid 812)"),
          new Leftover(
              Leftover.Kind.LIBVIRTD,
              "n1",
              "9f8e7d6c",
              OptionalLong.of(4711),
              null,
              Leftover.Action.STOP,
              null),
          new Leftover(
              Leftover.Kind.QEMU,
              "nb-9f8e7d6c-p1",
              "9f8e7d6c",
              OptionalLong.of(4712),
              null,
              Leftover.Action.STOP,
              null),
          new Leftover(
              Leftover.Kind.DIRECTORY,
              "/tmp/nestbed-0/9f8e7d6c",
              "9f8e7d6c",
              OptionalLong.empty(),
              null,
              Leftover.Action.REMOVE,
              null),
          new Leftover(
              Leftover.Kind.NAMESPACE,
              "nb-9f8e7d6c-n1",
              "9f8e7d6c",
              OptionalLong.empty(),
              null,
              Leftover.Action.REMOVE,
              null),
          new Leftover(
              Leftover.Kind.STORAGE_POOL,
              "nb-9f8e7d6c-files",
              "9f8e7d6c",
              OptionalLong.empty(),
              "qemu+ssh://root@r1/system",
              Leftover.Action.REMOVE,
              null));

  @Test
  void theJsonCarriesEveryLineOfTheText() throws IOException {
    List<String> text = CleanCommand.dryRunText(FOUND);
    JsonNode json = JSON.readTree(JSON.writeValueAsString(CleanCommand.dryRunJson(FOUND)));

    assertTrue(json.get("dryRun").asBoolean());
    assertEquals(0, json.get("exitCode").asInt());
    assertEquals(FOUND.size(), json.get("leftovers").size());
    for (int i = 0; i < FOUND.size(); i++) {
      JsonNode item = json.get("leftovers").get(i);
      Leftover rebuilt =
          new Leftover(
              Leftover.Kind.valueOf(
                  item.get("kind").asText().toUpperCase(Locale.ROOT).replace('-', '_')),
              item.get("name").asText(),
              item.get("run").asText(),
              item.get("pid").isNull()
                  ? OptionalLong.empty()
                  : OptionalLong.of(item.get("pid").asLong()),
              item.get("host").isNull() ? null : item.get("host").asText(),
              Leftover.Action.valueOf(item.get("action").asText().toUpperCase(Locale.ROOT)),
              item.get("reason").isNull() ? null : item.get("reason").asText());
      assertEquals(text.get(i), rebuilt.describe());
    }
    assertEquals(
        List.of(
            "would leave run 0a1b2c3d (/tmp/nestbed-0/0a1b2c3d) alone: it is still running (pid 812)",
            "would stop libvirtd of node n1 of run 9f8e7d6c (pid 4711), destroying its guests",
            "would stop the QEMU of nb-9f8e7d6c-p1 (pid 4712)",
            "would remove /tmp/nestbed-0/9f8e7d6c",
            "would remove network namespace nb-9f8e7d6c-n1",
            "would remove storage pool nb-9f8e7d6c-files of run 9f8e7d6c (its volumes and directory) from"
                + " qemu+ssh://root@r1/system",
            "dry run: 5 to stop or remove, 1 to leave alone; nothing was done"),
        text);
  }

  @Test
  void nothingFoundSaysSo() {
    assertEquals(List.of("nothing to clean"), CleanCommand.dryRunText(List.of()));
  }

  @Test
  void jsonWithoutTheDryRunIsRefusedBeforeAnythingIsCleaned() {
    InProcessCli clean = InProcessCli.run("clean", "--json");

    assertEquals(2, clean.exitCode());
    assertEquals("", clean.stdout());
    assertTrue(clean.stderr().contains("give --dry-run with it"), clean.stderr());
  }
}
