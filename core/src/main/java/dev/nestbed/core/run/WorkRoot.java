package dev.nestbed.core.run;

import dev.nestbed.core.NestbedException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the work root ({@link RunDirectories#workRoot()}) is the user's own before nestbed
 * trusts what is in it. Its run directories become the nodes' {@code /etc/libvirt} and {@code
 * /run}, hold libvirt's sockets and the pid files nestbed later signals by: whoever can put a file
 * there can steer nestbed's daemons or make it kill processes.
 *
 * <p>An absent root is created with mode 0700. An existing one is refused, with a {@link
 * NestbedException} that names it, when it is a symbolic link, not a directory, owned by another
 * user, or writable by its group or others: anyone who could write there may already have planted
 * entries, and chmod cannot undo that. A root we own that others can only read or enter is
 * tightened to 0700 and logged: nothing can have been planted, so refusing would only push the user
 * to type the chmod themselves (a root made by {@code mkdir -p} under umask 022, or by an older
 * nestbed, is such a directory).
 *
 * <p>The directories above the root are checked too, since whoever may rename entries in one of
 * them can swap the root for their own: each must belong to root or the user and be writable by
 * nobody else, unless it has the sticky bit (as /tmp has).
 */
public final class WorkRoot {
  private static final Logger log = LoggerFactory.getLogger(WorkRoot.class);
  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OTHERS_WRITE =
      EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

  /** S_IWGRP | S_IWOTH of a unix:mode. */
  private static final int GROUP_OR_OTHERS_WRITE = 0022;

  /** S_ISVTX of a unix:mode: only an entry's owner (or the directory's) may rename or remove it. */
  private static final int STICKY = 01000;

  private WorkRoot() {}

  /** Creates {@code root} (mode 0700) or checks the existing one; returns it. */
  public static Path prepare(Path root) {
    try {
      if (root.getParent() != null) {
        Files.createDirectories(root.getParent());
      }
      // Checked after they exist: one made by someone else meanwhile is checked too.
      checkAncestors(root);
      // Created closed, so that it is never open to others, not even until the chmod below.
      Files.createDirectory(root, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      // The mode given to mkdir is cut by the umask; this one is not.
      Files.setPosixFilePermissions(root, OWNER_ONLY);
      return root;
    } catch (FileAlreadyExistsException exists) {
      return check(root);
    } catch (IOException e) {
      throw new NestbedException(
          "cannot create the work directory " + root + ": " + e.getMessage(),
          "set NESTBED_WORK to a writable directory with a short path",
          e);
    }
  }

  /**
   * Refuses a root under a directory that someone else controls: whoever may rename entries of an
   * ancestor can move the work root away and put one of theirs in its place, whatever the root's
   * own mode. An ancestor must belong to root or to us, and be writable only by its owner unless it
   * has the sticky bit (like /tmp), which keeps others from renaming what is ours. Both the path as
   * given and the one its symbolic links lead to are checked.
   */
  private static void checkAncestors(Path root) {
    Path parent = root.toAbsolutePath().normalize().getParent();
    if (parent == null) {
      return;
    }
    Set<Path> ancestors = new LinkedHashSet<>();
    try {
      for (Path ancestor = parent; ancestor != null; ancestor = ancestor.getParent()) {
        ancestors.add(ancestor);
      }
      for (Path ancestor = parent.toRealPath(); ancestor != null; ancestor = ancestor.getParent()) {
        ancestors.add(ancestor);
      }
    } catch (IOException e) {
      throw new NestbedException(
          "cannot check the directories above the work directory " + root + ": " + e.getMessage(),
          "set NESTBED_WORK to a directory of your own with a short path",
          e);
    }
    int self = currentUid();
    for (Path ancestor : ancestors) {
      checkAncestor(root, ancestor, self);
    }
  }

  private static void checkAncestor(Path root, Path ancestor, int self) {
    String elsewhere =
        "set NESTBED_WORK to a directory under ones that only you and root can write";
    try {
      PosixFileAttributes attributes =
          Files.readAttributes(ancestor, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      int owner = (Integer) Files.getAttribute(ancestor, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      if (owner != 0 && owner != self) {
        throw refused(
            root,
            "lies under "
                + ancestor
                + ", which belongs to user "
                + attributes.owner().getName()
                + " (uid "
                + owner
                + "), not to you (uid "
                + self
                + ") or root",
            "its owner can put a work directory of theirs in place of yours: " + elsewhere);
      }
      if (attributes.isSymbolicLink()) {
        return; // a link's own mode means nothing; where it leads is checked as well
      }
      int mode = (Integer) Files.getAttribute(ancestor, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      if ((mode & GROUP_OR_OTHERS_WRITE) != 0 && (mode & STICKY) == 0) {
        throw refused(
            root,
            "lies under "
                + ancestor
                + ", which is writable by its group or others ("
                + PosixFilePermissions.toString(attributes.permissions())
                + ") without the sticky bit",
            "its group or others can put a work directory of theirs in place of yours: 'chmod go-w "
                + ancestor
                + "' (or 'chmod +t "
                + ancestor
                + "', as /tmp has), or "
                + elsewhere);
      }
    } catch (IOException e) {
      throw new NestbedException(
          "cannot check " + ancestor + ", above the work directory " + root + ": " + e.getMessage(),
          "set NESTBED_WORK to a directory of your own with a short path",
          e);
    }
  }

  private static Path check(Path root) {
    try {
      PosixFileAttributes attributes =
          Files.readAttributes(root, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attributes.isSymbolicLink()) {
        throw refused(
            root,
            "is a symbolic link (to " + Files.readSymbolicLink(root) + ")",
            "nestbed will not follow it: remove the link if it is stale, or set NESTBED_WORK to a directory of"
                + " your own");
      }
      if (!attributes.isDirectory()) {
        throw refused(
            root,
            "is not a directory",
            "remove it, or set NESTBED_WORK to a directory of your own");
      }
      int owner = (Integer) Files.getAttribute(root, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      int self = currentUid();
      if (owner != self) {
        throw refused(
            root,
            "belongs to user "
                + attributes.owner().getName()
                + " (uid "
                + owner
                + "), not to you (uid "
                + self
                + ")",
            "whoever owns it controls what nestbed would find there: remove it if it is stale, or set"
                + " NESTBED_WORK to a directory of your own");
      }
      String mode = PosixFilePermissions.toString(attributes.permissions());
      if (attributes.permissions().stream().anyMatch(OTHERS_WRITE::contains)) {
        throw refused(
            root,
            "is writable by its group or others (" + mode + ")",
            "others may have put sockets or pid files there that nestbed would trust: check and empty it, then"
                + " 'chmod 700 "
                + root
                + "', or set NESTBED_WORK to a directory of your own");
      }
      if (!attributes.permissions().equals(OWNER_ONLY)) {
        Files.setPosixFilePermissions(root, OWNER_ONLY);
        log.warn(
            "work directory {} was open to its group or others ({}); made it rwx------",
            root,
            mode);
      }
      return root;
    } catch (IOException e) {
      throw new NestbedException(
          "cannot check the work directory " + root + ": " + e.getMessage(),
          "set NESTBED_WORK to a directory of your own with a short path",
          e);
    }
  }

  private static NestbedException refused(Path root, String what, String hint) {
    return new NestbedException("refusing the work directory " + root + ": it " + what, hint);
  }

  /** This process's effective uid, which owns what it creates. */
  static int currentUid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          // Uid: real effective saved filesystem
          return Integer.parseInt(line.substring(4).strip().split("\\s+")[1]);
        }
      }
      throw new IllegalStateException("no Uid line in /proc/self/status");
    } catch (IOException | RuntimeException e) {
      throw new NestbedException(
          "cannot tell which user nestbed runs as: " + e.getMessage(),
          "nestbed needs Linux with /proc mounted",
          e);
    }
  }
}
