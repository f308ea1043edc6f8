package dev.nestbed.aggregator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.image.GuestImage;
import dev.nestbed.core.run.RunId;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeProvidersTest {
  @TempDir Path dir;

  @Test
  void everyBuiltProviderIsCreatedByItsNameAndNoOther() {
    for (String name : NodeProviders.BUILT) {
      try (NodeProvider provider = create(name).orElseThrow()) {
        assertTrue(provider != null, name);
      }
    }
    assertTrue(create("xen").isEmpty(), "no provider called xen");
    assertTrue(NodeProviders.BUILT.containsAll(NodeProviders.NESTED_CAPABLE));
  }

  private java.util.Optional<NodeProvider> create(String name) {
    return NodeProviders.create(
        name,
        RunId.random(),
        dir,
        dir,
        Accelerator.tcg("test"),
        null,
        NodeProvidersTest::noImage,
        l -> {});
  }

  private static GuestImage noImage() {
    throw new AssertionError("no provider builds an image before it starts nodes");
  }
}
