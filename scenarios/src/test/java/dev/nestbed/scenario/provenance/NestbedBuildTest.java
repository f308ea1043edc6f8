package dev.nestbed.scenario.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessResult;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.scenario.record.Fact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NestbedBuildTest {
  private static final String SHA = "bd69333c0b7e2f4a9d1e5c8b3a6f0e2d4c7b9a18";
  private static final Path CHECKOUT = Path.of("/home/ada/nestbed");

  @TempDir Path dir;

  @Test
  void theVersionIsTheManifestsAndUnknownWithoutOne() {
    assertEquals(Fact.known("0.1.0-SNAPSHOT"), NestbedBuild.version("0.1.0-SNAPSHOT"));
    assertTrue(NestbedBuild.version(null).whyUnknown().contains("no Implementation-Version"));
  }

  @Test
  void aCleanCheckoutGivesItsCommit() {
    assertEquals(
        Fact.known(SHA), NestbedBuild.commit(CHECKOUT, git(0, SHA + "\n", ""), git(0, "", "")));
  }

  @Test
  void changedTrackedFilesMarkTheCommitDirty() {
    assertEquals(
        Fact.known(SHA + "-dirty"),
        NestbedBuild.commit(
            CHECKOUT, git(0, SHA + "\n", ""), git(0, " M scenarios/pom.xml\n", "")));
  }

  @Test
  void whatGitSaidIsWhyTheCommitIsUnknown() {
    Fact noHead =
        NestbedBuild.commit(
            CHECKOUT, git(128, "", "fatal: detected dubious ownership\nmore\n"), git(0, "", ""));
    Fact noStatus =
        NestbedBuild.commit(CHECKOUT, git(0, SHA, ""), git(128, "", "fatal: index file corrupt\n"));

    assertEquals(
        "git rev-parse HEAD in /home/ada/nestbed exited 128: fatal: detected dubious ownership",
        noHead.whyUnknown());
    assertFalse(noStatus.isKnown());
    assertTrue(
        noStatus.whyUnknown().contains(SHA)
            && noStatus.whyUnknown().endsWith("fatal: index file corrupt"),
        noStatus.whyUnknown());
  }

  @Test
  void theCheckoutIsTheModulesRootWithAGitOfItsOwn() throws Exception {
    Path nestbed = Files.createDirectories(dir.resolve("nestbed/scenarios"));
    Files.writeString(nestbed.resolve("pom.xml"), "<project/>");
    Files.writeString(
        dir.resolve("nestbed/.git"), "gitdir: /elsewhere/.git/worktrees/nestbed\n"); // a worktree

    assertEquals(
        Optional.of(dir.resolve("nestbed")),
        NestbedBuild.checkout(dir.resolve("nestbed/scenarios/target/nestbed.jar")));
  }

  @Test
  void aJarCopiedIntoAnotherRepositoryIsNotGivenItsCommit() throws Exception {
    Files.createDirectories(dir.resolve("other/.git"));
    Path jar = Files.createDirectories(dir.resolve("other/lib")).resolve("nestbed.jar");

    Fact commit = NestbedBuild.commit(Optional.of(jar), new ProcessRunner());

    assertEquals(Optional.empty(), NestbedBuild.checkout(jar));
    assertTrue(
        commit.whyUnknown().contains("not inside a git checkout of nestbed"), commit.whyUnknown());
  }

  private static ProcessResult git(int exitCode, String stdout, String stderr) {
    return new ProcessResult(Command.of("git"), exitCode, stdout, stderr, Duration.ZERO);
  }
}
