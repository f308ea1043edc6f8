package dev.nestbed.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.NestbedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunWorkspaceTest {
  @TempDir Path tmp;

  @Test
  void aRunDirectoryAndAnAbsentWorkRootAreOwnerOnly() throws IOException {
    Path root = tmp.resolve("work");
    RunId run = new RunId("0a1b2c3d");
    try (RunWorkspace workspace = RunWorkspace.create(run, root)) {
      assertEquals(root.resolve("0a1b2c3d"), workspace.directory());
      assertEquals("rwx------", mode(root));
      assertEquals("rwx------", mode(workspace.directory()));
      assertTrue(RunWorkspace.isActive(workspace.directory()));
    }
    assertFalse(Files.exists(root.resolve("0a1b2c3d")));
  }

  @Test
  void noRunDirectoryIsMadeUnderAnUnsafeWorkRoot() throws IOException {
    Path root = Files.createDirectory(tmp.resolve("work"));
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThrows(NestbedException.class, () -> RunWorkspace.create(new RunId("0a1b2c3d"), root));

    assertFalse(Files.exists(root.resolve("0a1b2c3d")));
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
