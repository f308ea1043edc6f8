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
      try (NodeProvider provider =
          NodeProviders.create(
                  name,
                  RunId.random(),
                  dir,
                  dir,
                  Accelerator.tcg("test"),
                  NodeProvidersTest::noImage,
                  line -> {})
              .orElseThrow()) {
        assertTrue(provider != null, name);
      }
    }
    assertTrue(
        NodeProviders.create(
                "xen",
                RunId.random(),
                dir,
                dir,
                Accelerator.tcg("test"),
                NodeProvidersTest::noImage,
                line -> {})
            .isEmpty(),
        "no provider called xen");
    assertTrue(NodeProviders.BUILT.containsAll(NodeProviders.NESTED_CAPABLE));
  }

  private static GuestImage noImage() {
    throw new AssertionError("no provider builds an image before it starts nodes");
  }
}
