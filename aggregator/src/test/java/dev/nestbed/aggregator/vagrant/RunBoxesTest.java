package dev.nestbed.aggregator.vagrant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nestbed.core.run.RunId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunBoxesTest {
  @TempDir Path home;

  @Test
  void onlyTheBoxARunAddedUnderItsOwnNameIsItsLeftover() throws Exception {
    RunId run = new RunId("1234abcd");
    String ofRecipe = "nestbed-node-a5af935a8d72d225";
    Path boxes = Files.createDirectories(home.resolve("boxes"));
    Path runs = Files.createDirectories(boxes.resolve(RunBoxes.name(ofRecipe, run)));
    Files.createDirectories(boxes.resolve(ofRecipe)); // shared by local runs: never a leftover
    Files.createDirectories(boxes.resolve(RunBoxes.name(ofRecipe, new RunId("9999eeee"))));
    Files.createDirectories(boxes.resolve("someone-elses-box-1234abcd"));
    assertEquals(List.of(runs), RunBoxes.of(home, run));
  }

  @Test
  void noVagrantHomeMeansNoBoxes() {
    assertEquals(List.of(), RunBoxes.of(home.resolve("absent"), new RunId("1234abcd")));
  }
}
