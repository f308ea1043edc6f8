package dev.nestbed.cli;

import dev.nestbed.core.image.GuestImage;
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
      "Build the partition guest image (kernel + initramfs with busybox and the agent),",
      "or reuse the cached one when its recipe hash is unchanged."})
  static final class Build implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--force", description = "Rebuild even when the cache has the image.")
    boolean force;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      long began = System.nanoTime();
      GuestImage image = new HostContext().images().build(force);
      out.printf("partition image %s ready in %d ms%n  kernel    %s%n  initramfs %s%n", image.recipeHash(),
          (System.nanoTime() - began) / 1_000_000, image.kernel(), image.initramfs());
      out.flush();
      return ExitCode.OK;
    }
  }
}
