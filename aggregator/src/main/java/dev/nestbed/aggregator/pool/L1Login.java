package dev.nestbed.aggregator.pool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The password of one L1's libvirtd, made here at random and written twice, each file readable by
 * its owner alone: into a directory of its own that goes onto the L1's images disk, where the L1's
 * init stores it before libvirtd listens, and into a libvirt auth.conf that nestbed's connections
 * name ({@code authfile=}), so that nestbed logs in with it and {@code virsh -c} on the same URI
 * does too. Nobody else has it, also where the L1's forwarded port is on a loopback that others
 * share (a remote host).
 *
 * @param directory {@code nbsecret/}, to put on the images disk
 * @param authFile the auth.conf for the L1's URI
 */
record L1Login(Path directory, Path authFile) {
  static final String USER = "nestbed";
  static final String DIRECTORY = "nbsecret";
  static final String FILE = "libvirt-password";
  static final String AUTH_FILE = "libvirt-auth.conf";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A fresh password, written under {@code poolDirectory}. */
  static L1Login create(Path poolDirectory) throws IOException {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String password = HexFormat.of().formatHex(bytes);
    Path directory = poolDirectory.resolve(DIRECTORY);
    Files.createDirectories(directory);
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    // no newline: saslpasswd2 -p stores what it reads
    ownerOnly(directory.resolve(FILE), password);
    Path authFile =
        ownerOnly(
            poolDirectory.resolve(AUTH_FILE),
            "[credentials-nestbed]\nauthname="
                + USER
                + "\npassword="
                + password
                + "\n\n[auth-libvirt-default]\ncredentials=nestbed\n");
    return new L1Login(directory, authFile);
  }

  private static Path ownerOnly(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    return Files.writeString(file, text, StandardCharsets.US_ASCII);
  }
}
