package dev.nestbed.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nestbed.core.NestbedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkRootTest {
  @TempDir
  Path tmp;

  @Test
  void anAbsentRootIsCreatedOwnerOnlyWhateverTheUmask() throws IOException {
    Path root = tmp.resolve("parent/nestbed-work");

    assertEquals(root, WorkRoot.prepare(root));

    assertTrue(Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS));
    assertEquals("rwx------", mode(root));
  }

  @Test
  void aRootThatIsASymlinkIsRefusedAndNotFollowed() throws IOException {
    Path target = Files.createDirectory(tmp.resolve("elsewhere"));
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
    Path root = Files.createSymbolicLink(tmp.resolve("work"), target);

    NestbedException e = assertThrows(NestbedException.class, () -> WorkRoot.prepare(root));

    assertTrue(e.getMessage().contains(root.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    assertTrue(e.hint().orElseThrow().contains("NESTBED_WORK"), e.hint().orElseThrow());
  }

  @Test
  void aRootOwnedByAnotherUserIsRefused() throws IOException {
    assumeTrue(WorkRoot.currentUid() == 0, "only root can give a directory away");
    Path root = Files.createDirectory(tmp.resolve("work"));
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
    UserPrincipal nobody = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    Files.setOwner(root, nobody);

    NestbedException e = assertThrows(NestbedException.class, () -> WorkRoot.prepare(root));

    assertTrue(e.getMessage().contains(root.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("belongs to user nobody"), e.getMessage());
    assertEquals("rwx------", mode(root));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rwxrwx---", "rwx---rwx", "rwx-w----", "rwxrwxrwx"})
  void aRootWritableByItsGroupOrOthersIsRefusedAndLeftAsItIs(String open) throws IOException {
    Path root = Files.createDirectory(tmp.resolve("work"));
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString(open));

    NestbedException e = assertThrows(NestbedException.class, () -> WorkRoot.prepare(root));

    assertTrue(e.getMessage().contains("writable by its group or others (" + open + ")"), e.getMessage());
    assertTrue(e.hint().orElseThrow().contains("chmod 700 " + root), e.hint().orElseThrow());
    assertEquals(open, mode(root));
  }

  @Test
  void aRootWeOwnThatOthersCanOnlyReadIsTightened() throws IOException {
    Path root = Files.createDirectory(tmp.resolve("work"));
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));

    WorkRoot.prepare(root);

    assertEquals("rwx------", mode(root));
  }

  @Test
  void aRootThatIsAFileIsRefused() throws IOException {
    Path root = Files.createFile(tmp.resolve("work"));

    NestbedException e = assertThrows(NestbedException.class, () -> WorkRoot.prepare(root));

    assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
  }

  @Test
  void theDefaultRootIsPerUser() {
    assumeTrue(System.getenv("NESTBED_WORK") == null, "NESTBED_WORK overrides the default");
    assertEquals(Path.of("/tmp/nestbed-" + WorkRoot.currentUid()), RunDirectories.workRoot());
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }
}
