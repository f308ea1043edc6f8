package dev.nestbed.cli;

import dev.nestbed.core.image.GuestImage;
import dev.nestbed.core.image.HypervisorImage;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nestbed images}: build and locate the guest images. */
@Command(name = "images", description = "Build and locate guest images.",
    subcommands = {ImagesCommand.Build.class})
final class ImagesCommand {

  /** {@code nestbed images build}. */
  @Command(name = "build", description = {
      "Build the images (or reuse cached ones whose recipe hash is unchanged): 'partition', the",
      "guest kernel + initramfs with busybox and the agent (seconds), and 'hypervisor', the L1",
      "root filesystem of nested pools, made with mmdebstrap (minutes the first time)."})
  static final class Build implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--force", description = "Rebuild even when the cache has the image.")
    boolean force;

    @picocli.CommandLine.Parameters(paramLabel = "IMAGE", arity = "0..*",
        description = "partition, hypervisor (default: both).")
    java.util.List<String> which = new java.util.ArrayList<>();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      HostContext host = new HostContext();
      for (String name : which.isEmpty() ? java.util.List.of("partition", "hypervisor") : which) {
        long began = System.nanoTime();
        switch (name) {
          case "partition" -> {
            GuestImage image = host.images().build(force);
            out.printf("partition image %s ready in %d ms%n  kernel    %s%n  initramfs %s%n", image.recipeHash(),
                (System.nanoTime() - began) / 1_000_000, image.kernel(), image.initramfs());
          }
          case "hypervisor" -> {
            HypervisorImage image = host.hypervisorImages().build(force);
            out.printf("hypervisor image %s ready in %d ms%n  disk      %s%n", image.recipeHash(),
                (System.nanoTime() - began) / 1_000_000, image.disk());
          }
          default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
              "unknown image '" + name + "': use partition or hypervisor");
        }
        out.flush();
      }
      return ExitCode.OK;
    }
  }
}
