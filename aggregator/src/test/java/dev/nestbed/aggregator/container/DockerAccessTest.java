package dev.nestbed.aggregator.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nestbed.aggregator.NodesNotReadyException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerAccessTest {
  @Test
  void withoutTheTestcontainersEnvironmentItSaysWhatToSetBeforeTouchingDocker() {
    NodesNotReadyException e =
        assertThrows(
            NodesNotReadyException.class,
            () -> DockerAccess.client(Map.of("TESTCONTAINERS_RYUK_DISABLED", "true")::get));
    assertEquals(
        "container nodes need TESTCONTAINERS_HOST_OVERRIDE=localhost in nestbed's environment",
        e.getMessage());
    assertEquals(
        "run nestbed through its launcher (./nestbed), which sets them, or export them",
        e.hint().orElseThrow());
  }
}
