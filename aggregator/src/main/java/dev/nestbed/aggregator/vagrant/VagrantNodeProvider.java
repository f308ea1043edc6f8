package dev.nestbed.aggregator.vagrant;

import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.NodeProvider;
import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.aggregator.NodesNotReadyException;
import dev.nestbed.aggregator.remote.RemoteNodeProvider;
import dev.nestbed.core.NestbedException;
import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.image.GuestImage;
import dev.nestbed.core.image.VagrantBoxBuilder;
import dev.nestbed.core.io.FileTrees;
import dev.nestbed.core.libvirt.RunStoragePool;
import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessFailedException;
import dev.nestbed.core.process.ProcessResult;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.run.RunDirectories;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.Teardown;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code vagrant} node provider: one Vagrant machine (vagrant-libvirt, nestbed's own box) per
 * node, then used as remote hosts ({@link RemoteNodeProvider}). The machines run on a libvirtd of
 * the run's own on this machine ({@link OwnDaemonHost}), or on another machine's libvirt given as
 * {@code nodes.libvirt} ({@link JumpedHost}). Migration streams between the machines take a private
 * network of their own (static addresses, nothing on the host), as they would between real hosts
 * with a network kept for migrations. Closing destroys the machines ({@code vagrant destroy -f})
 * and removes the networks, the storage pool and the daemon the run made for them.
 */
public final class VagrantNodeProvider implements NodeProvider {
  private static final Logger log = LoggerFactory.getLogger(VagrantNodeProvider.class);

  /** Under TCG two 2-vCPU machines come up in about 80 s; the box's first upload adds seconds. */
  private static final Duration UP_TIMEOUT = Duration.ofMinutes(15);

  private static final Duration VAGRANT_TIMEOUT = Duration.ofMinutes(2);

  private static final Duration KEYSCAN_TIMEOUT = Duration.ofSeconds(30);

  private final RunId runId;
  private final Path stateRoot;
  private final Path keptLogs;
  private final Accelerator accelerator;
  private final @Nullable String libvirt;
  private final Supplier<GuestImage> probeImage;
  private final Consumer<String> progress;
  private final ProcessRunner runner = new ProcessRunner();
  private final Teardown teardown = new Teardown();
  private final List<Node> nodes = new ArrayList<>();

  /**
   * @param accelerator how guests execute on this machine: the machines' driver follows it when
   *     they run here
   * @param libvirt another machine's libvirt, over SSH, to run the machines on; null for this one
   * @param probeImage the partition image, booted under KVM inside machines that are not emulated
   *     (and on the host of {@code libvirt}, to decide the machines' driver)
   * @param progress receives lines worth showing while the machines come up (Vagrant's own steps)
   */
  public VagrantNodeProvider(
      RunId runId,
      Path stateRoot,
      Path keptLogs,
      Accelerator accelerator,
      @Nullable String libvirt,
      Supplier<GuestImage> probeImage,
      Consumer<String> progress) {
    this.runId = runId;
    this.libvirt = libvirt;
    this.probeImage = probeImage;
    this.stateRoot = stateRoot;
    this.keptLogs = keptLogs;
    this.accelerator = accelerator;
    this.progress = progress;
  }

  /**
   * Checks, before anything starts, that this machine has what the provider runs: {@code vagrant}
   * with the vagrant-libvirt plugin, and OpenSSH's {@code ssh}, {@code ssh-keygen} and {@code
   * ssh-keyscan}.
   *
   * @throws NodesNotReadyException naming what is missing and the package that brings it
   */
  public static void preflight() {
    List<String> missing = new ArrayList<>();
    if (!Command.onPath("vagrant")) {
      missing.add("vagrant (Debian package vagrant)");
    } else {
      ProcessResult plugins =
          new ProcessRunner()
              .runAllowingFailure(
                  environment(
                      Command.of("vagrant", "plugin", "list").withTimeout(VAGRANT_TIMEOUT)));
      if (!plugins.stdout().contains("vagrant-libvirt")) {
        missing.add("the vagrant-libvirt plugin (Debian package vagrant-libvirt)");
      }
    }
    for (String program : List.of("ssh", "ssh-keygen", "ssh-keyscan")) {
      if (!Command.onPath(program)) {
        missing.add(program + " (Debian package openssh-client)");
      }
    }
    if (!missing.isEmpty()) {
      throw new NodesNotReadyException(
          "provider vagrant needs " + String.join(", ", missing) + " on this machine",
          "run ci/setup-host.sh, or install the packages named");
    }
  }

  @Override
  public synchronized List<Node> start(List<NodeSpec> specs, Duration deadline) {
    if (!nodes.isEmpty()) {
      throw new IllegalStateException("the vagrant provider starts its machines once per run");
    }
    Path project = project();
    String key = VagrantMachines.key(project.resolve("id_ed25519"));
    MachineHost host =
        libvirt == null
            ? OwnDaemonHost.start(
                runId, stateRoot, keptLogs, accelerator, project, deadline, teardown)
            : JumpedHost.start(
                runId,
                libvirt,
                stateRoot,
                keptLogs,
                probeImage,
                project.resolve("id_ed25519"),
                deadline,
                teardown);
    progress.accept("Vagrant machines on " + host.describe());
    Path box =
        new VagrantBoxBuilder(RunDirectories.home(), RunDirectories.cacheRoot()).ensureBuilt();
    String boxName = addBox(box);
    VagrantMachines machines =
        new VagrantMachines(
            boxName,
            host.libvirtUri(),
            host.accelerator().kind() == Accelerator.Kind.KVM ? "kvm" : "qemu",
            host.driverReason(),
            runId.qualify(""),
            host.managementSubnet(),
            RunStoragePool.nameOf(runId),
            VagrantMachines.PRIVATE_SUBNET,
            libvirt == null,
            key,
            host.proxyCommand(),
            specs);
    write(project, machines);
    List<String> domains = specs.stream().map(spec -> runId.qualify(spec.name())).toList();
    teardown.add("remove the machines vagrant destroy left", () -> host.removeMachines(domains));
    teardown.add(
        "destroy the Vagrant machines (vagrant destroy -f)",
        () -> vagrant(host, project, UP_TIMEOUT, "destroy", "-f"));
    long began = System.nanoTime();
    log.info(
        "vagrant up: {} machine(s) from box {} ({})", specs.size(), boxName, machines.driver());
    progress.accept(
        "vagrant up: "
            + specs.size()
            + (specs.size() == 1 ? " machine" : " machines")
            + " from box "
            + boxName
            + " (driver "
            + machines.driver()
            + ")");
    vagrant(host, project, UP_TIMEOUT, "up", "--provider=libvirt");
    long tookMs = (System.nanoTime() - began) / 1_000_000;
    log.info("vagrant up took {} ms", tookMs);
    progress.accept(String.format("vagrant up done in %.1f s", tookMs / 1000.0));
    List<NodeSpec> reached = new ArrayList<>();
    Map<String, String> migrationAddresses = new HashMap<>();
    StringBuilder knownHosts = new StringBuilder();
    for (int i = 0; i < specs.size(); i++) {
      NodeSpec spec = specs.get(i);
      migrationAddresses.put(spec.name(), machines.address(i));
      String address = sshConfig(host, project, spec.name(), "HostName");
      knownHosts.append(hostKey(host, address));
      reached.add(new NodeSpec(spec.name(), spec.cpus(), spec.memory(), host.machineUri(address)));
    }
    writeFile(host.knownHosts(), knownHosts.toString());
    // nestbed reaches each machine on the management network; QEMU's streams take the private one
    RemoteNodeProvider remote =
        (host.accelerator().kind() == Accelerator.Kind.TCG
                ? RemoteNodeProvider.ofEmulatedHosts(runId, keptLogs)
                : new RemoteNodeProvider(runId, keptLogs, probeImage))
            .migratingOver(migrationAddresses);
    teardown.add("release the Vagrant machines as remote hosts", remote::close);
    nodes.addAll(remote.start(reached, deadline));
    return List.copyOf(nodes);
  }

  /** The machine's ed25519 host key as known_hosts lines, read where the host reaches it. */
  private String hostKey(MachineHost host, String address) {
    ProcessResult scan =
        runner.runAllowingFailure(Command.of(host.keyscan(address)).withTimeout(KEYSCAN_TIMEOUT));
    String keys =
        scan.stdout()
            .lines()
            .filter(line -> line.startsWith(address + " "))
            .collect(Collectors.joining("\n"));
    if (keys.isEmpty()) {
      throw new NestbedException(
          "the Vagrant machine at "
              + address
              + " offered no ed25519 host key to ssh-keyscan"
              + (libvirt == null ? "" : " on the host of " + libvirt)
              + (scan.stderr().isBlank() ? "" : ": " + scan.stderr().strip()),
          "see the machine's console log under the run's logs"
              + (libvirt == null
                  ? ""
                  : "; ssh-keyscan (openssh-client) must be installed on the libvirt host"));
    }
    return keys + "\n";
  }

  /**
   * Adds the box to Vagrant's home under nestbed's cache unless a box of the same recipe is there.
   * On another machine's libvirt the box gets the run's name too, and leaves with the run:
   * vagrant-libvirt finds a box's volume by name in any pool of the host, so runs side by side
   * would otherwise back their machines on each other's volume, and lose it when the other ends.
   */
  private String addBox(Path box) {
    Path recipe =
        Objects.requireNonNull(box.getParent(), "a box is built in its recipe's directory");
    String ofRecipe =
        VagrantBoxBuilder.BOX + "-" + recipe.getFileName().toString().replaceFirst("^.*-", "");
    String name = libvirt == null ? ofRecipe : RunBoxes.name(ofRecipe, runId);
    String listed = runner.run(vagrantCommand(List.of("box", "list"), VAGRANT_TIMEOUT)).stdout();
    if (listed.lines().noneMatch(line -> line.startsWith(name + " "))) {
      log.info("vagrant box add {} ({})", name, box);
      if (libvirt != null) {
        teardown.add(
            "remove the run's Vagrant box " + name,
            () ->
                runner.run(
                    vagrantCommand(
                        List.of("box", "remove", "--force", "--provider", "libvirt", name),
                        VAGRANT_TIMEOUT)));
      }
      runner.run(vagrantCommand(List.of("box", "add", "--name", name, box.toString()), UP_TIMEOUT));
    }
    return name;
  }

  /**
   * Runs {@code vagrant ARGS} where it reaches the machines; its output goes to the run's logs, and
   * the steps it announces for a machine ({@code ==> v1: Creating domain...}) to the progress.
   */
  private void vagrant(MachineHost host, Path project, Duration timeout, String... args) {
    ProcessResult result;
    try {
      result =
          runner.run(
              inProject(host, project, timeout, args)
                  .eachLine(
                      line -> {
                        if (isStep(line)) {
                          progress.accept("vagrant: " + line.substring(4).strip());
                        }
                      }));
    } catch (ProcessFailedException e) {
      keepOutput(args[0], e.result());
      throw new NestbedException(
          "vagrant " + String.join(" ", args) + " failed: " + e.getMessage(),
          "see vagrant/"
              + args[0]
              + ".log "
              + (libvirt == null
                  ? "and the libvirtd.log of node " + OwnDaemonHost.NODE + " under the run's logs"
                  : "under the run's logs, and the libvirtd log on the host of " + libvirt),
          e);
    }
    keepOutput(args[0], result);
  }

  private void keepOutput(String subcommand, @Nullable ProcessResult result) {
    if (keptLogs == null || result == null) {
      return;
    }
    try {
      Files.createDirectories(keptLogs.resolve("vagrant"));
      Files.writeString(
          keptLogs.resolve("vagrant").resolve(subcommand + ".log"),
          String.format(
              "# %s: exit status %d after %d ms%n%s%s",
              result.command(),
              result.exitCode(),
              result.elapsed().toMillis(),
              result.stdout(),
              result.stderr()));
    } catch (IOException e) {
      log.warn("cannot keep the output of vagrant {}: {}", subcommand, e.getMessage());
    }
  }

  /**
   * A step Vagrant announces for a machine ({@code ==> v1: Waiting for domain to get an IP
   * address...}); not the settings it lists under one ({@code ==> v1: -- Cpus: 2}).
   */
  static boolean isStep(String line) {
    if (!line.startsWith("==> ") || line.contains(":  -- ")) {
      return false;
    }
    String text = line.substring(line.indexOf(": ") + 2);
    // the box-metadata advice Vagrant gives for every local box, three lines of it
    return !(text.startsWith("No version detected")
        || text.startsWith("generating a local metadata")
        || text.startsWith("See https://"));
  }

  /** {@code vagrant ARGS} where it reaches the machines, on the run's project. */
  private static Command inProject(
      MachineHost host, Path project, Duration timeout, String... args) {
    return environment(Command.of(host.vagrant(List.of(args))).in(project).withTimeout(timeout))
        .withEnvironment("VAGRANT_CWD", project.toString());
  }

  /** One value of {@code vagrant ssh-config MACHINE} ("HostName", "User", ...). */
  private String sshConfig(MachineHost host, Path project, String machine, String key) {
    ProcessResult result =
        runner.run(inProject(host, project, VAGRANT_TIMEOUT, "ssh-config", machine));
    return result
        .stdout()
        .lines()
        .map(String::strip)
        .filter(line -> line.startsWith(key + " "))
        .map(line -> line.substring(key.length() + 1).strip().replaceAll("^\"|\"$", ""))
        .findFirst()
        .orElseThrow(
            () ->
                new NestbedException(
                    "vagrant ssh-config " + machine + " gave no " + key,
                    "see the Vagrant project under " + project));
  }

  private Command vagrantCommand(List<String> args, Duration timeout) {
    List<String> argv = new ArrayList<>(List.of("vagrant"));
    argv.addAll(args);
    return environment(Command.of(argv).withTimeout(timeout));
  }

  /**
   * Vagrant's home (boxes, plugins' state) lives in nestbed's cache; nothing is fetched from
   * anywhere.
   */
  private static Command environment(Command command) {
    return command
        .withEnvironment("VAGRANT_HOME", RunDirectories.cacheRoot().resolve("vagrant").toString())
        .withEnvironment("VAGRANT_DEFAULT_PROVIDER", "libvirt")
        .withEnvironment("VAGRANT_CHECKPOINT_DISABLE", "1")
        .withEnvironment("VAGRANT_BOX_UPDATE_CHECK_DISABLE", "1");
  }

  private Path project() {
    Path project = stateRoot.resolve("vagrant-project");
    try {
      Files.createDirectories(stateRoot);
      Files.createDirectories(
          project,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Files.createDirectories(RunDirectories.cacheRoot().resolve("vagrant"));
    } catch (IOException e) {
      throw new NestbedException(
          "cannot create the Vagrant project under " + stateRoot + ": " + e.getMessage(),
          "set NESTBED_WORK to a writable directory",
          e);
    }
    teardown.add("remove the Vagrant project", () -> FileTrees.delete(project));
    return project;
  }

  private static void write(Path project, VagrantMachines machines) {
    try {
      Files.copy(
          RunDirectories.home().resolve("vagrant/Vagrantfile"),
          project.resolve("Vagrantfile"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new NestbedException(
          "cannot copy nestbed's Vagrantfile: " + e.getMessage(),
          "run nestbed from its checkout (vagrant/Vagrantfile)",
          e);
    }
    writeFile(
        project.resolve("nodes.yaml"),
        machines.yaml("Written by nestbed for one run; the Vagrantfile reads it."));
  }

  private static void writeFile(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new NestbedException("cannot write " + file + ": " + e.getMessage(), null, e);
    }
  }

  @Override
  public synchronized void close() {
    nodes.clear();
    teardown.close();
  }
}
