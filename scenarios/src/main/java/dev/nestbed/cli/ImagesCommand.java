package dev.nestbed.cli;

import dev.nestbed.core.image.GuestImage;
import dev.nestbed.core.image.HypervisorImage;
import dev.nestbed.core.image.NodeImageBuilder;
import dev.nestbed.core.image.VagrantBoxBuilder;
import dev.nestbed.core.run.RunDirectories;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nestbed images}: build and locate the guest images. */
@Command(
    name = "images",
    description = "Build and locate guest images.",
    subcommands = {ImagesCommand.Build.class})
final class ImagesCommand {

  /** {@code nestbed images build}. */
  @Command(
      name = "build",
      description = {
        "Build the guest images, or reuse cached ones whose recipe is unchanged.",
        "'partition' is the guest kernel and an initramfs with busybox and the agent (seconds);"
            + " 'hypervisor' is the L1 root filesystem of nested pools and 'vagrant-box' the box of Vagrant"
            + " nodes, 'node-default' and 'node-debian-12' the root filesystems of container nodes"
            + " (all made with mmdebstrap: minutes the first time)."
      })
  static final class Build implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--force", description = "Rebuild even when the cache has the image.")
    boolean force;

    @picocli.CommandLine.Parameters(
        paramLabel = "IMAGE",
        arity = "0..*",
        description =
            "partition, hypervisor, vagrant-box, node-default, node-debian-12 (default: partition"
                + " and hypervisor).")
    java.util.List<String> which = new java.util.ArrayList<>();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      HostContext host = new HostContext();
      for (String name : which.isEmpty() ? java.util.List.of("partition", "hypervisor") : which) {
        long began = System.nanoTime();
        String node = name.startsWith("node-") ? name.substring("node-".length()) : "";
        if (NodeImageBuilder.IMAGES.contains(node)) {
          NodeImageBuilder.Built image =
              new NodeImageBuilder(node, RunDirectories.home(), RunDirectories.cacheRoot())
                  .build(force);
          out.printf(
              "node image %s %s ready in %d ms (%s)%n  rootfs    %s%n",
              image.name(),
              image.hash(),
              (System.nanoTime() - began) / 1_000_000,
              image.describe(),
              image.rootfs());
          out.flush();
          continue;
        }
        switch (name) {
          case "partition" -> {
            GuestImage image = host.images().build(force);
            out.printf(
                "partition image %s ready in %d ms%n  kernel    %s%n  initramfs %s%n",
                image.recipeHash(),
                (System.nanoTime() - began) / 1_000_000,
                image.kernel(),
                image.initramfs());
          }
          case "hypervisor" -> {
            HypervisorImage image = host.hypervisorImages().build(force);
            out.printf(
                "hypervisor image %s ready in %d ms%n  disk      %s%n",
                image.recipeHash(), (System.nanoTime() - began) / 1_000_000, image.disk());
          }
          case "vagrant-box" -> {
            Path box =
                new VagrantBoxBuilder(RunDirectories.home(), RunDirectories.cacheRoot())
                    .build(force);
            out.printf(
                "vagrant box ready in %d ms%n  box       %s%n  add it:   vagrant box add --name %s %s%n",
                (System.nanoTime() - began) / 1_000_000, box, VagrantBoxBuilder.BOX, box);
          }
          default ->
              throw new picocli.CommandLine.ParameterException(
                  spec.commandLine(),
                  "unknown image '"
                      + name
                      + "': use partition, hypervisor, vagrant-box, node-default or node-debian-12");
        }
        out.flush();
      }
      return ExitCode.OK;
    }
  }
}
