package dev.nestbed.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunTagTest {
  @Test
  void roundTripsThroughItsXml() {
    RunTag tag = new RunTag(new RunId("a1b2c3d4"), "partition", "p1");
    assertEquals(Optional.of(tag), RunTag.parse(tag.toXml()));
  }

  @Test
  void parsesTheFormLibvirtReturnsWithAnotherPrefix() {
    String fromLibvirt =
        "<nb:run xmlns:nb=\"urn:nestbed:run:1\" id=\"a1b2c3d4\" kind=\"pool\" name=\"big\"/>";
    assertEquals(
        Optional.of(new RunTag(new RunId("a1b2c3d4"), "pool", "big")), RunTag.parse(fromLibvirt));
  }

  @Test
  void somethingElseIsNoTag() {
    assertTrue(RunTag.parse("<other xmlns=\"urn:x\"/>").isEmpty());
    assertTrue(RunTag.parse(null).isEmpty());
  }

  @Test
  void runIdsAreEightHexDigitsAndQualifyNames() {
    RunId id = RunId.random();
    assertTrue(id.value().matches("[0-9a-f]{8}"));
    assertEquals("nb-" + id + "-n1", id.qualify("n1"));
    assertThrows(IllegalArgumentException.class, () -> new RunId("XYZ"));
  }
}
