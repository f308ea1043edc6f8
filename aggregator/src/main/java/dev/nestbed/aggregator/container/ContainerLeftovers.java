package dev.nestbed.aggregator.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.nestbed.aggregator.local.Leftover;
import dev.nestbed.core.run.RunWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The containers and Docker networks of container nodes that killed runs left, found by the run
 * label ({@link ContainerNodeProvider#RUN_LABEL}) and nothing else: what {@code nestbed clean}
 * removes. A run that still goes keeps its own.
 */
public final class ContainerLeftovers {
  private static final Path SOCKET = Path.of("/var/run/docker.sock");

  private final DockerClient docker;
  private final Predicate<String> runGoing;

  private ContainerLeftovers(DockerClient docker, Predicate<String> runGoing) {
    this.docker = docker;
    this.runGoing = runGoing;
  }

  /**
   * The leftovers on this machine's Docker daemon, or empty when it has none (no daemon: no
   * container node ever ran here).
   *
   * @param workRoot where run directories are: a run is going while its directory is locked
   */
  public static Optional<ContainerLeftovers> onThisMachine(Path workRoot) {
    if (!Files.exists(SOCKET)) {
      return Optional.empty();
    }
    return Optional.of(
        new ContainerLeftovers(
            DockerAccess.client(), run -> RunWorkspace.isActive(workRoot.resolve(run))));
  }

  /** What {@link #clean()} would do, with nothing done. */
  public List<Leftover> find() {
    List<Leftover> found = new ArrayList<>();
    for (Container c : containers()) {
      String run = runOf(c.getLabels());
      String name = nameOf(c);
      found.add(
          runGoing.test(run)
              ? Leftover.kept(
                  Leftover.Kind.CONTAINER, name, run, OptionalLong.empty(), "its run is going")
              : Leftover.removable(Leftover.Kind.CONTAINER, name, run, null));
    }
    for (com.github.dockerjava.api.model.Network n : networks()) {
      String run = runOf(n.getLabels());
      found.add(
          runGoing.test(run)
              ? Leftover.kept(
                  Leftover.Kind.DOCKER_NETWORK,
                  n.getName(),
                  run,
                  OptionalLong.empty(),
                  "its run is going")
              : Leftover.removable(Leftover.Kind.DOCKER_NETWORK, n.getName(), run, null));
    }
    return found;
  }

  /** Removes the containers, then the networks, of runs that are not going; one line each. */
  public List<String> clean() {
    List<String> report = new ArrayList<>();
    for (Container c : containers()) {
      String run = runOf(c.getLabels());
      if (runGoing.test(run)) {
        report.add("left container " + nameOf(c) + " alone: run " + run + " is going");
        continue;
      }
      try {
        docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
      } catch (NotFoundException e) {
        // gone meanwhile
      }
      report.add("removed container " + nameOf(c) + " of run " + run);
    }
    for (com.github.dockerjava.api.model.Network n : networks()) {
      String run = runOf(n.getLabels());
      if (runGoing.test(run)) {
        report.add("left Docker network " + n.getName() + " alone: run " + run + " is going");
        continue;
      }
      try {
        docker.removeNetworkCmd(n.getId()).exec();
      } catch (NotFoundException e) {
        // gone meanwhile
      }
      report.add("removed Docker network " + n.getName() + " of run " + run);
    }
    return report;
  }

  private List<Container> containers() {
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(List.of(ContainerNodeProvider.RUN_LABEL))
        .exec();
  }

  private List<com.github.dockerjava.api.model.Network> networks() {
    return docker.listNetworksCmd().exec().stream()
        .filter(n -> !runOf(n.getLabels()).isEmpty())
        .toList();
  }

  /** The run a listed container or network is labelled with (the listing asked for the label). */
  private static String runOf(@Nullable Map<String, String> labels) {
    String run = labels == null ? null : labels.get(ContainerNodeProvider.RUN_LABEL);
    return run == null ? "" : run;
  }

  private static String nameOf(Container c) {
    String[] names = c.getNames();
    return names != null && names.length > 0 ? names[0].replaceFirst("^/", "") : c.getId();
  }
}
