package dev.nestbed.aggregator.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.nestbed.core.image.NodeImageBuilder;
import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessRunner;
import java.time.Duration;

/**
 * A node image in Docker: the cached root filesystem of {@link NodeImageBuilder} imported once per
 * recipe hash, tagged {@code nestbed-node-<name>:<hash>}. Imported images stay, like the cache they
 * come from: the next run starts from them at once.
 */
record NodeContainerImage(NodeImageBuilder.Built built, String tag) {
  static final String REPOSITORY = "nestbed-node-";
  private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(5);

  /** The image {@code built} in Docker, imported first when Docker has no image of its hash. */
  static NodeContainerImage ensureImported(
      NodeImageBuilder.Built built, DockerClient docker, ProcessRunner runner) {
    String tag = REPOSITORY + built.name() + ":" + built.hash();
    try {
      docker.inspectImageCmd(tag).exec();
      return new NodeContainerImage(built, tag);
    } catch (NotFoundException e) {
      // imported below
    }
    runner.run(
        Command.of(
                "docker",
                "import",
                "--change",
                "ENTRYPOINT [\"/usr/sbin/nestbed-node-init\"]",
                "--change",
                "LABEL dev.nestbed.node-image=" + built.name(),
                built.rootfs().toString(),
                tag)
            .withTimeout(IMPORT_TIMEOUT));
    return new NodeContainerImage(built, tag);
  }
}
