package dev.nestbed.scenario.vagrant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.aggregator.vagrant.VagrantMachines;
import dev.nestbed.core.NestbedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A self-contained Vagrant project for a scenario's nodes: the static {@code Vagrantfile} of
 * nestbed's {@code vagrant/} folder, a {@code nodes.yaml} it reads (one machine per node), the
 * scenario rewritten to {@code provider: remote} with each machine's libvirt URI, and a README with
 * the commands. Nothing is started: {@code vagrant up} is the user's.
 *
 * @param name the scenario's name, which names the project's libvirt objects
 * @param nodes the scenario's nodes, in order
 * @param libvirtUri where the machines run ({@code qemu:///system} for this machine)
 * @param driver {@code kvm} where KVM really works, {@code qemu} (TCG) otherwise
 * @param driverReason why that driver, for the generated files
 * @param box the Vagrant box every machine boots
 */
public record VagrantProject(
    String name,
    List<NodeSpec> nodes,
    String libvirtUri,
    String driver,
    String driverReason,
    String box) {
  /** The private network's /24: machine i gets .(11 + i). */
  static final String SUBNET = VagrantMachines.PRIVATE_SUBNET;

  public VagrantProject {
    nodes = List.copyOf(nodes);
  }

  /** The key nestbed logs in to the machines with, in the project's directory. */
  static final String KEY = "id_ed25519";

  /** The machines as the Vagrantfile reads them. */
  VagrantMachines machines(String authorizedKey) {
    return new VagrantMachines(
        box,
        libvirtUri,
        driver,
        driverReason,
        "nb-" + name + "-",
        "10.216.0.0/24",
        "default",
        SUBNET,
        true,
        authorizedKey,
        null,
        nodes);
  }

  /** Machine {@code i}'s address on the private network. */
  String address(int i) {
    return SUBNET + (11 + i);
  }

  /**
   * Writes the project into {@code dir} (created if missing).
   *
   * @param template nestbed's static Vagrantfile
   * @param scenarioText the scenario as written, to rewrite
   */
  public void write(Path dir, Path template, String scenarioText) {
    try {
      Files.createDirectories(dir);
      Path abs = dir.toAbsolutePath();
      Files.copy(
          template, dir.resolve("Vagrantfile"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(
          dir.resolve("nodes.yaml"), nodesYaml(VagrantMachines.key(abs.resolve(KEY))));
      Files.writeString(dir.resolve("scenario.yaml"), remoteScenario(scenarioText, abs));
      Files.writeString(dir.resolve("README.md"), readme());
    } catch (IOException e) {
      throw new NestbedException(
          "cannot write the Vagrant project to " + dir + ": " + e.getMessage(),
          "give --out a directory you can write to",
          e);
    }
  }

  String nodesYaml(String authorizedKey) {
    return machines(authorizedKey)
        .yaml("Written by `nestbed vagrant` for scenario " + name + "; the Vagrantfile reads it.");
  }

  /** The scenario with its nodes replaced by the machines, reached as remote hosts over libssh2. */
  String remoteScenario(String scenarioText, Path dir) throws IOException {
    ObjectMapper yaml =
        new ObjectMapper(
            YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build());
    @SuppressWarnings("unchecked")
    Map<String, Object> tree = yaml.readValue(scenarioText, LinkedHashMap.class);
    List<Map<String, Object>> hosts = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      NodeSpec n = nodes.get(i);
      Map<String, Object> host = new LinkedHashMap<>();
      host.put("name", n.name());
      host.put("cpus", n.cpus());
      host.put("memory", n.memory().mib() + "MiB");
      host.put(
          "uri",
          "qemu+libssh2://vagrant@"
              + address(i)
              + "/system?keyfile="
              + dir.resolve(KEY)
              + "&known_hosts="
              + dir.resolve("known_hosts")
              + "&sshauth=privkey");
      hosts.add(host);
    }
    Map<String, Object> nodesSection = new LinkedHashMap<>();
    nodesSection.put("provider", "remote");
    nodesSection.put("hosts", hosts);
    tree.put("nodes", nodesSection);
    return "# Scenario "
        + name
        + " with its nodes as the Vagrant machines of this project (written by\n"
        + "# `nestbed vagrant`; run `vagrant up` and fill known_hosts first: see README.md).\n"
        + yaml.writeValueAsString(tree);
  }

  String readme() {
    String machines = String.join(" ", nodes.stream().map(NodeSpec::name).toList());
    StringBuilder keyscan = new StringBuilder();
    for (int i = 0; i < nodes.size(); i++) {
      keyscan.append(' ').append(address(i));
    }
    return "# "
        + name
        + " on Vagrant machines\n\n"
        + "Written by `nestbed vagrant`: one Vagrant machine (vagrant-libvirt) per node of scenario `"
        + name
        + "` ("
        + machines
        + "), on the libvirt at `"
        + libvirtUri
        + "`, and the scenario rewritten to reach them as\n"
        + "remote hosts (`scenario.yaml`). `Vagrantfile` is nestbed's static one; the machines are in `nodes.yaml`.\n\n"
        + "```sh\n"
        + "nestbed images build vagrant-box                 # the box, cached by its recipe's hash; prints its path\n"
        + "vagrant box add --name "
        + box
        + " PATH-IT-PRINTED\n"
        + "vagrant up --provider=libvirt                    # the machines, in parallel\n"
        + "ssh-keyscan -t ed25519"
        + keyscan
        + " > known_hosts   # their host keys, checked from here on\n"
        + "nestbed run scenario.yaml                        # the scenario on them\n"
        + "vagrant destroy -f\n"
        + "```\n\n"
        + "Driver: `"
        + driver
        + "` ("
        + driverReason
        + "). Each machine has "
        + "an address on the private network `nb-"
        + name
        + "-net` ("
        + SUBNET
        + "0/24), which carries the migration streams; nestbed reaches each machine's "
        + "libvirt over libssh2 as user `vagrant` with the project's own ed25519 key (`"
        + KEY
        + "`, which `vagrant up` "
        + "adds to each machine). The box's `vagrant` user is in "
        + "group `libvirt`.\n\n"
        + "Run `nestbed` and `ssh-keyscan` where the private network is reachable (on the libvirt host itself, or "
        + "in its network namespace when that libvirt runs in one).\n";
  }
}
