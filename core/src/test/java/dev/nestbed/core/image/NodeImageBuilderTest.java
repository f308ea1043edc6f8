package dev.nestbed.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nestbed.core.run.RunDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeImageBuilderTest {
  @TempDir Path cache;

  @Test
  void theImagesScenariosMayNameAreExactlyTheRecipesUnderImages() throws IOException {
    try (Stream<Path> recipes = Files.list(RunDirectories.home().resolve("images"))) {
      assertEquals(
          NodeImageBuilder.IMAGES.stream().sorted().toList(),
          recipes
              .map(p -> p.getFileName().toString())
              .filter(n -> n.startsWith("node-"))
              .map(n -> n.substring("node-".length()))
              .sorted()
              .toList());
    }
  }

  @Test
  void anImageWithoutARecipeIsRefusedByName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new NodeImageBuilder("debian-11", RunDirectories.home(), cache));
    assertEquals("no node image debian-11; there are [default, debian-12]", e.getMessage());
  }
}
