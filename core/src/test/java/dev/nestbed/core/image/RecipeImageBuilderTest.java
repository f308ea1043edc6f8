package dev.nestbed.core.image;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipeImageBuilderTest {
  @TempDir Path root;

  private RecipeImageBuilder builder(String script) throws Exception {
    Path recipe = Files.createDirectories(root.resolve("images/toy"));
    Files.writeString(recipe.resolve("build.sh"), script);
    return new RecipeImageBuilder(
        "toy",
        List.of("out.img"),
        Duration.ofSeconds(30),
        recipe,
        root.resolve("cache"),
        root.resolve("no-boot"),
        new ProcessRunner());
  }

  private static final String COUNTING =
      """
      set -e
      mkdir -p "$1"
      echo built >> "$(dirname "$0")/../../builds.log"
      echo image > "$1/out.img"
      """;

  @Test
  void buildsOnceAndServesTheCacheUntilTheRecipeChanges() throws Exception {
    RecipeImageBuilder toy = builder(COUNTING);
    Path first = toy.ensureBuilt();
    Path again = toy.ensureBuilt();
    assertEquals(first, again);
    assertEquals(1, Files.readAllLines(root.resolve("builds.log")).size());
    assertTrue(first.getFileName().toString().startsWith("toy-"));
    assertEquals(toy.recipeHash(), toy.hashOf(first));

    RecipeImageBuilder changed = builder(COUNTING + "# a changed recipe\n");
    Path rebuilt = changed.ensureBuilt();
    assertNotEquals(first, rebuilt);
    assertEquals(2, Files.readAllLines(root.resolve("builds.log")).size());
    assertEquals("image\n", Files.readString(rebuilt.resolve("out.img")));
  }

  @Test
  void editingTheRecipesDocumentationKeepsItsHash() throws Exception {
    RecipeImageBuilder toy = builder(COUNTING);
    String before = toy.recipeHash();
    Files.writeString(root.resolve("images/toy/README.md"), "how the toy image is made\n");
    assertEquals(before, toy.recipeHash());
    Files.writeString(root.resolve("images/toy/extra.sh"), "echo an input of the build\n");
    assertNotEquals(before, toy.recipeHash());
  }

  @Test
  void aScriptTheRecipesShareInImagesCommonIsPartOfEachHash() throws Exception {
    RecipeImageBuilder toy = builder(COUNTING);
    String before = toy.recipeHash();
    Files.createDirectories(root.resolve("images/common"));
    Files.writeString(root.resolve("images/common/shared.sh"), "shared() { :; }\n");
    String withCommon = toy.recipeHash();
    assertNotEquals(before, withCommon);
    Files.writeString(root.resolve("images/common/shared.sh"), "shared() { echo changed; }\n");
    assertNotEquals(withCommon, toy.recipeHash());
  }

  @Test
  void aRecipeThatDoesNotProduceItsOutputsFailsAndCachesNothing() throws Exception {
    RecipeImageBuilder broken = builder("mkdir -p \"$1\"; echo nothing > \"$1/other\"\n");
    NestbedException e = assertThrows(NestbedException.class, broken::ensureBuilt);
    assertEquals("the toy image recipe did not produce out.img", e.getMessage());
    assertTrue(Files.notExists(broken.directoryFor(broken.recipeHash())));
    assertTrue(
        Files.notExists(root.resolve("cache/images/toy-" + broken.recipeHash() + ".building")));
  }

  @Test
  void aRecipeThatFailsNamesTheFileAndLineOfTheFailingCommandEvenInASharedScript()
      throws Exception {
    Path common = Files.createDirectories(root.resolve("images/common"));
    Files.writeString(
        common.resolve("steps.sh"),
        """
        fetch() {
            echo "fetching $1"
            grep -q "$1" /dev/null
        }
        """);
    RecipeImageBuilder broken =
        builder(
            """
            set -euo pipefail
            source "$(dirname "${BASH_SOURCE[0]}")/../common/steps.sh"
            mkdir -p "$1"
            fetch qemu
            echo image > "$1/out.img"
            """);
    NestbedException e = assertThrows(NestbedException.class, broken::ensureBuilt);
    assertEquals(
        "the toy image recipe "
            + root.resolve("images/toy/build.sh")
            + " failed at line 3 of "
            + root.resolve("images/toy/../common/steps.sh")
            + " (status 1): grep -q \"$1\" /dev/null; its output before:\n  fetching qemu",
        e.getMessage());
    assertTrue(Files.notExists(broken.directoryFor(broken.recipeHash())));
  }

  @Test
  void aFailureTheRecipeToleratesInsideASubshellIsNotNamedAsTheCause() throws Exception {
    RecipeImageBuilder broken =
        builder(
            """
            set -euo pipefail
            mkdir -p "$1"
            found=$(grep -q qemu /dev/null; echo $?)
            echo "no image today ($found)" >&2
            exit 1
            """);
    NestbedException e = assertThrows(NestbedException.class, broken::ensureBuilt);
    assertEquals(
        "the toy image recipe "
            + root.resolve("images/toy/build.sh")
            + " exited with status 1; its output before:\n  no image today (1)",
        e.getMessage());
  }

  @Test
  void twoThreadsAskingForAnImageOnAColdCacheWaitForOneBuildAndShareIt() throws Exception {
    // The recipe signals that it started and then holds the build open until the test releases it,
    // so the second thread asks while the first one builds: what two nested pools do on a fresh
    // machine.
    RecipeImageBuilder toy =
        builder(
            """
        set -e
        mkdir -p "$1"
        echo built >> "$(dirname "$0")/../../builds.log"
        touch "$(dirname "$0")/../../started"
        while [ ! -e "$(dirname "$0")/../../release" ]; do sleep 0.05; done
        echo image > "$1/out.img"
        """);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<Path> first = threads.submit(toy::ensureBuilt);
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(root.resolve("started")));
      Thread[] second = new Thread[1];
      Future<Path> other =
          threads.submit(
              () -> {
                second[0] = Thread.currentThread();
                return toy.ensureBuilt();
              });
      // Waiting for the build in progress, not failed at once (a JVM's file lock is per process).
      await()
          .atMost(Duration.ofSeconds(30))
          .failFast(other::isDone)
          .until(() -> second[0] != null && waitsForALock(second[0]));
      Files.createFile(root.resolve("release"));
      assertEquals(first.get(30, TimeUnit.SECONDS), other.get(30, TimeUnit.SECONDS));
      assertEquals(1, Files.readAllLines(root.resolve("builds.log")).size());
    } finally {
      Files.deleteIfExists(root.resolve("release"));
      Files.createFile(root.resolve("release"));
      threads.shutdownNow();
    }
  }

  @Test
  void aThreadWaitingForAnotherThreadsBuildGivesWayToAnInterrupt() throws Exception {
    RecipeImageBuilder toy =
        builder(
            """
        set -e
        mkdir -p "$1"
        touch "$(dirname "$0")/../../started"
        while [ ! -e "$(dirname "$0")/../../release" ]; do sleep 0.05; done
        echo image > "$1/out.img"
        """);
    ExecutorService threads = Executors.newSingleThreadExecutor();
    try {
      Future<Path> first = threads.submit(toy::ensureBuilt);
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(root.resolve("started")));
      AtomicReference<RuntimeException> failure = new AtomicReference<>();
      AtomicBoolean stillInterrupted = new AtomicBoolean();
      Thread waiting =
          new Thread(
              () -> {
                try {
                  toy.ensureBuilt();
                } catch (RuntimeException e) {
                  failure.set(e);
                  stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
              });
      waiting.start();
      await()
          .atMost(Duration.ofSeconds(30))
          .failFast(() -> !waiting.isAlive())
          .until(() -> waitsForALock(waiting));

      waiting.interrupt();
      waiting.join(TimeUnit.SECONDS.toMillis(30));

      assertFalse(waiting.isAlive(), "the interrupted thread still waits for the build");
      NestbedException e = assertInstanceOf(NestbedException.class, failure.get());
      assertTrue(
          e.getMessage().startsWith("interrupted while waiting for another build of the toy image"),
          e.getMessage());
      assertTrue(stillInterrupted.get(), "the interrupt was swallowed");
      Files.createFile(root.resolve("release"));
      assertEquals("image\n", Files.readString(first.get(30, TimeUnit.SECONDS).resolve("out.img")));
    } finally {
      Files.deleteIfExists(root.resolve("release"));
      Files.createFile(root.resolve("release"));
      threads.shutdownNow();
    }
  }

  /** Parked on a java.util.concurrent lock: what a thread queued behind a build does. */
  private static boolean waitsForALock(Thread thread) {
    return thread.getState() == Thread.State.WAITING
        && LockSupport.getBlocker(thread) instanceof AbstractQueuedSynchronizer;
  }
}
