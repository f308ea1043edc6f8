package dev.nestbed.aggregator.container;

import com.github.dockerjava.api.DockerClient;
import dev.nestbed.aggregator.NodesNotReadyException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.testcontainers.DockerClientFactory;

/**
 * The Docker daemon container nodes run on, reached through Testcontainers. Testcontainers is told
 * two things that only its environment variables can say: no Ryuk (it would pull a helper image;
 * nestbed removes what it created by the run's label itself, also in {@code nestbed clean}), and
 * the Docker host is this machine (otherwise, inside a container, it starts a helper container to
 * find the gateway). The {@code nestbed} launcher and the build set both; a JVM started otherwise
 * is told what to set.
 */
final class DockerAccess {
  /** The environment Testcontainers needs here, with the value nestbed expects. */
  static final Map<String, String> ENVIRONMENT =
      Map.of("TESTCONTAINERS_RYUK_DISABLED", "true", "TESTCONTAINERS_HOST_OVERRIDE", "localhost");

  private DockerAccess() {}

  /**
   * The daemon's client, once it answers.
   *
   * @throws NodesNotReadyException when the environment is not set or no daemon answers (exit 3)
   */
  static DockerClient client() {
    return client(System::getenv);
  }

  /**
   * The daemon's address as Testcontainers reaches it, for the {@code docker} command: given with
   * {@code -H}, it reaches the same daemon whatever {@code DOCKER_HOST} or the current context say.
   */
  static String host() {
    return DockerClientFactory.instance().getTransportConfig().getDockerHost().toString();
  }

  static DockerClient client(Function<String, String> environment) {
    List<String> missing =
        ENVIRONMENT.entrySet().stream()
            .filter(e -> !e.getValue().equalsIgnoreCase(environment.apply(e.getKey())))
            .map(e -> e.getKey() + "=" + e.getValue())
            .sorted()
            .toList();
    if (!missing.isEmpty()) {
      throw new NodesNotReadyException(
          "container nodes need " + String.join(" and ", missing) + " in nestbed's environment",
          "run nestbed through its launcher (./nestbed), which sets them, or export them");
    }
    DockerClientFactory factory = DockerClientFactory.instance();
    if (!factory.isDockerAvailable()) {
      throw new NodesNotReadyException(
          "no Docker daemon answers at /var/run/docker.sock (container nodes run on one)",
          "run ci/setup-host.sh as root: it installs docker.io and starts dockerd");
    }
    return factory.client();
  }
}
