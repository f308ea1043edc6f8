package dev.nestbed.cli;

import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.run.RunDirectories;
import dev.nestbed.scenario.parse.ScenarioInvalidException;
import dev.nestbed.scenario.parse.ScenarioLoader;
import dev.nestbed.scenario.vagrant.VagrantProject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nestbed vagrant FILE --out DIR}: a Vagrant project that reproduces a scenario's nodes. */
@Command(
    name = "vagrant",
    description = {
      "Write a Vagrant project that reproduces a scenario's nodes.",
      "The project (vagrant-libvirt) has one machine per node, and the scenario rewritten to run on them"
          + " as remote hosts. Nothing is started."
    })
final class VagrantCommand implements Callable<Integer> {
  private static final String LOCAL = "qemu:///system";

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The scenario YAML.")
  Path file;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Where to write the project.")
  Path out;

  @Option(
      names = "--libvirt",
      paramLabel = "URI",
      description =
          "The libvirt the machines run on (default: the scenario's nodes.libvirt, else "
              + LOCAL
              + " of the machine that runs vagrant).")
  String libvirt;

  @Option(
      names = "--box",
      paramLabel = "NAME",
      description = "The box every machine boots (default: nestbed-node).")
  String box = "nestbed-node";

  @Override
  public Integer call() throws IOException {
    LoadedScenario loaded = LoadedScenario.loadOrReport(file, spec.commandLine().getErr());
    if (loaded == null) {
      return ExitCode.INVALID;
    }
    PrintWriter err = spec.commandLine().getErr();
    String provider = loaded.spec().nodes() == null ? null : loaded.spec().nodes().provider();
    if (loaded.plan().nodes().isEmpty() || "remote".equals(provider) || "sim".equals(provider)) {
      err.println(
          "error: "
              + file
              + ": scenario "
              + loaded.spec().name()
              + " has no nodes for Vagrant to make"
              + ("remote".equals(provider)
                  ? " (its nodes are existing hosts already)"
                  : "sim".equals(provider)
                      ? " (its nodes are models: provider sim)"
                      : " (every pool adopts a machine by uri)"));
      err.println(
          "hint: nestbed vagrant reproduces the nodes of a scenario with provider local or vagrant");
      err.flush();
      return ExitCode.INVALID;
    }
    Path template = RunDirectories.home().resolve("vagrant/Vagrantfile");
    if (!Files.isRegularFile(template)) {
      throw new HostNotReadyException(
          "nestbed's Vagrantfile template is not at " + template,
          "run nestbed from its checkout, or set NESTBED_HOME to it");
    }
    String libvirt =
        this.libvirt != null
            ? this.libvirt
            : java.util.Objects.requireNonNullElse(loaded.spec().validNodes().libvirt(), LOCAL);
    String driver;
    String reason;
    if (libvirt.equals(LOCAL)) {
      Accelerator accelerator = new HostContext().accelerator();
      driver = accelerator.kind() == Accelerator.Kind.KVM ? "kvm" : "qemu";
      reason = "this machine: " + accelerator.describe();
    } else {
      driver = "qemu";
      reason =
          "TCG: nestbed cannot probe KVM on "
              + libvirt
              + " from here; set driver: kvm where it works";
    }
    String name =
        loaded.spec().validName().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    VagrantProject project =
        new VagrantProject(name, loaded.plan().nodes(), libvirt, driver, reason, box);
    project.write(out, template, Files.readString(file));
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(
        "wrote a Vagrant project for %d machines to %s (Vagrantfile, nodes.yaml, scenario.yaml, README.md)%n",
        loaded.plan().nodes().size(), out);
    try {
      ScenarioLoader.load(out.resolve("scenario.yaml"));
    } catch (ScenarioInvalidException e) {
      // The machines are still worth having; the user learns now, not after vagrant up, what will
      // not run.
      stdout.printf(
          "note: the machines are ready to come up, but scenario.yaml will not run on them in this build:%n");
      e.problems().forEach(problem -> stdout.println("  " + problem.format()));
    }
    stdout.printf("next: cd %s && vagrant up --provider=libvirt; see README.md there%n", out);
    stdout.flush();
    return ExitCode.OK;
  }
}
