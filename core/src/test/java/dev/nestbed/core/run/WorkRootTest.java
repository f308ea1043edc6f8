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
  @TempDir Path tmp;

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
    UserPrincipal nobody =
        root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
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

    assertTrue(
        e.getMessage().contains("writable by its group or others (" + open + ")"), e.getMessage());
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
  void aRootUnderAGroupWritableDirectoryWithoutTheStickyBitIsRefusedAndNotCreated()
      throws IOException {
    Path shared = Files.createDirectory(tmp.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxr-x"));
    Path root = shared.resolve("nestbed/work");

    NestbedException e = assertThrows(NestbedException.class, () -> WorkRoot.prepare(root));

    assertEquals(
        "refusing the work directory "
            + root
            + ": it lies under "
            + shared
            + ", which is writable by its"
            + " group or others (rwxrwxr-x) without the sticky bit",
        e.getMessage());
    assertTrue(e.hint().orElseThrow().contains("chmod go-w " + shared), e.hint().orElseThrow());
    assertTrue(Files.notExists(root));
  }

  @Test
  void aRootUnderAStickyDirectoryWritableByAllLikeTmpIsAccepted() throws IOException {
    Path sticky = Files.createDirectory(tmp.resolve("sticky"));
    Files.setAttribute(sticky, "unix:mode", 01777);
    Path root = sticky.resolve("work");

    assertEquals(root, WorkRoot.prepare(root));

    assertEquals("rwx------", mode(root));
  }

  @Test
  void aRootUnderADirectoryOfAnotherUserIsRefused() throws IOException {
    assumeTrue(WorkRoot.currentUid() == 0, "only root can give a directory away");
    Path theirs = Files.createDirectory(tmp.resolve("theirs"));
    Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rwxr-xr-x"));
    UserPrincipal nobody =
        theirs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    Files.setOwner(theirs, nobody);
    Path root = theirs.resolve("work");

    NestbedException e = assertThrows(NestbedException.class, () -> WorkRoot.prepare(root));

    assertTrue(
        e.getMessage().contains("lies under " + theirs + ", which belongs to user nobody"),
        e.getMessage());
    assertTrue(Files.notExists(root));
  }

  @Test
  void aSymbolicLinkAboveTheRootIsCheckedWhereItLeads() throws IOException {
    Path shared = Files.createDirectory(tmp.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path inside = Files.createDirectory(shared.resolve("inside"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), inside);

    NestbedException e =
        assertThrows(NestbedException.class, () -> WorkRoot.prepare(link.resolve("work")));

    assertTrue(
        e.getMessage().contains("lies under " + shared.toRealPath() + ", which is writable"),
        e.getMessage());
  }

  @Test
  void theDefaultRootIsPerUser() {
    assumeTrue(System.getenv("NESTBED_WORK") == null, "NESTBED_WORK overrides the default");
    assertEquals(Path.of("/tmp/nestbed-" + WorkRoot.currentUid()), RunDirectories.workRoot());
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }
}
