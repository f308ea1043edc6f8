package dev.nestbed.aggregator.pool;

import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.NodeFiles;
import dev.nestbed.core.image.HypervisorImage;
import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The files an L1 boots from, made here in the pool's directory and, on a node whose machine is not
 * this one (a container), placed on it: the image the L1's QEMU opens there, the paths of its
 * overlay, images disk and console there, and where its console can be read here.
 *
 * @param image the hypervisor image as the node sees it
 * @param there the overlay, images disk and console as the node's QEMU opens them
 * @param consoleHere where the console can be read here (on a node of this machine, the same path)
 */
record L1Files(HypervisorImage image, L1DomainXml.Paths there, Path consoleHere) {

  /**
   * Makes the overlay and the images disk in {@code dir}, placing them on the node if needed. The
   * images disk holds the guest images and the L1's password ({@link L1Login}).
   */
  static L1Files prepare(
      Node node,
      HypervisorImage image,
      Path dir,
      String domainName,
      Path imagesDiskScript,
      Path guestImages,
      Path secretDirectory,
      ProcessRunner runner)
      throws IOException {
    Path overlay = dir.resolve("l1.qcow2");
    Path imagesDisk = dir.resolve("images.img");
    Optional<NodeFiles> files = node.files();
    HypervisorImage onNode =
        files
            .map(
                f ->
                    new HypervisorImage(
                        f.place(image.disk()),
                        f.place(image.kernel()),
                        f.place(image.initrd()),
                        image.commandLine(),
                        image.recipeHash()))
            .orElse(image);
    // The backing file is named as the node sees it; where that is not here, qemu-img cannot open
    // it (-u), so the size is given.
    runner.run(
        Command.of(
            "qemu-img",
            "create",
            "-q",
            "-f",
            "qcow2",
            "-u",
            "-b",
            onNode.disk().toString(),
            "-F",
            "raw",
            overlay.toString(),
            Long.toString(Files.size(image.disk()))));
    runner.run(
        Command.of(
            "bash",
            imagesDiskScript.toString(),
            imagesDisk.toString(),
            guestImages.toString(),
            secretDirectory.toString()));
    if (files.isEmpty()) {
      Path console = dir.resolve("l1-console.log");
      return new L1Files(image, new L1DomainXml.Paths(overlay, imagesDisk, console), console);
    }
    NodeFiles f = files.get();
    Path console = f.writableDirectory().resolve(domainName + "-console.log");
    return new L1Files(
        onNode,
        new L1DomainXml.Paths(f.place(overlay), f.place(imagesDisk), console),
        f.readableHere(console).orElse(dir.resolve("l1-console.log")));
  }
}
