package dev.nestbed.scenario.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.scenario.parse.ScenarioLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {
  @TempDir Path dir;

  @Test
  void aFactHasAValueOrWhyItIsUnknownNeverBothNorNeither() {
    assertTrue(Fact.known("6.1.0").isKnown());
    assertFalse(Fact.unknown("no /proc").isKnown());
    assertEquals("unknown (no /proc)", Fact.unknown("no /proc").text());
    assertThrows(IllegalArgumentException.class, () -> new Fact("6.1.0", "no /proc"));
    assertThrows(IllegalArgumentException.class, () -> new Fact(null, null));
  }

  @Test
  void theScenarioHashIsSha256InLowerCaseHex() {
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        Provenance.ScenarioSource.of("/x.yaml", "abc").sha256());
  }

  @Test
  void theHashOfTheTextAsReadIsTheHashOfTheFilesBytes() throws Exception {
    Path file = dir.resolve("s.yaml");
    // Not ASCII, a byte-order mark and CR LF line ends: whatever the reader kept must hash the
    // same.
    Files.write(
        file, "\uFEFFname: zürich\r\ndescription: 2 µs links\r\n".getBytes(StandardCharsets.UTF_8));

    Provenance.ScenarioSource source =
        Provenance.ScenarioSource.of(file.toString(), ScenarioLoader.read(file));

    assertEquals(
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))),
        source.sha256());
  }
}
