package dev.nestbed.aggregator.pool;

import dev.nestbed.aggregator.Node;
import dev.nestbed.core.NestbedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Collectors;

/**
 * How nestbed reaches the libvirtd inside an L1 VM. QEMU forwards it to 127.0.0.1 of the host node
 * (a local node's own network namespace or a container's, so nothing listens on this machine's
 * addresses; on a remote host, that host's loopback, see {@link Node#sharesLoopback()}). libvirt's
 * {@code ext} transport runs a small script per connection that is a TCP pipe into that loopback
 * ({@link Node#tcpConnectCommand}); the L1's libvirtd asks for its password, which libvirt reads
 * from the {@code authfile=} given.
 */
final class InnerLibvirt {
  private InnerLibvirt() {}

  /**
   * Writes the pipe script into {@code dir} and returns the libvirt URI that uses it, with the L1's
   * password from {@code authFile} ({@link L1Login}).
   */
  static String uri(Node hostNode, int port, Path dir, Path authFile) {
    Path script = dir.resolve("inner-libvirt-pipe");
    String command =
        hostNode.tcpConnectCommand("127.0.0.1", port).stream()
            .map(arg -> "'" + arg.replace("'", "'\\''") + "'")
            .collect(Collectors.joining(" "));
    try {
      Files.writeString(
          script,
          "#!/bin/sh\n# written by nestbed: a pipe to the L1's libvirtd\nexec " + command + "\n");
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new NestbedException("cannot write " + script + ": " + e.getMessage(), null, e);
    }
    return "qemu+ext:///system?command=" + script + "&authfile=" + authFile;
  }
}
