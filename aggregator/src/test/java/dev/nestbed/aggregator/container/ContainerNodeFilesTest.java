package dev.nestbed.aggregator.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.core.image.NodeImageBuilder;
import dev.nestbed.core.value.DataSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;

/** Where a container node puts the files its guests open: no Docker daemon needed. */
class ContainerNodeFilesTest {
  @TempDir Path tmp;

  private ContainerNode node() throws Exception {
    ContainerNode.Layout layout = new ContainerNode.Layout(tmp.resolve("node"));
    layout.create();
    NodeContainerImage image =
        new NodeContainerImage(
            new NodeImageBuilder.Built("default", "0123", tmp.resolve("rootfs.tar"), Map.of()),
            "nestbed-node-default:0123");
    return new ContainerNode(
        new NodeSpec("n1", 1, DataSize.ofGiB(1)),
        layout,
        Files.createDirectories(tmp.resolve("cache/images")).toRealPath(),
        "nb-0123-n1",
        "unix:///var/run/docker.sock",
        "172.18.0.2",
        image,
        new GenericContainer<>("nestbed-node-default:0123"));
  }

  private Path file(String path, String content) throws Exception {
    Path file = tmp.resolve(path);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  @Test
  void aBuiltImageIsOpenedFromTheReadOnlyCacheNotCopied() throws Exception {
    ContainerNode node = node();
    Path disk = node.place(file("cache/images/hypervisor-1/disk.img", "d"));
    assertEquals(ContainerNode.IMAGES.resolve("hypervisor-1/disk.img"), disk);
    assertEquals("d", Files.readString(node.readableHere(disk).orElseThrow()));
    try (var placed = Files.list(tmp.resolve("node/nestbed/files"))) {
      assertEquals(0, placed.count(), "nothing is linked or copied for a cached image");
    }
  }

  @Test
  void filesOfOneDirectoryLandTogetherAsAPartitionsKernelAndInitramfsMust() throws Exception {
    ContainerNode node = node();
    Path kernel = node.place(file("run/guests/kernel", "k"));
    Path initramfs = node.place(file("run/guests/initramfs.cpio", "i"));
    assertEquals(kernel.getParent(), initramfs.getParent());
    assertTrue(kernel.startsWith(ContainerNode.MOUNT.resolve("files")), kernel.toString());
    assertEquals("i", Files.readString(node.readableHere(initramfs).orElseThrow()));
  }

  @Test
  void twoFilesOfOneNameFromTwoDirectoriesStayApart() throws Exception {
    ContainerNode node = node();
    Path left = node.place(file("run/pool-left/l1.qcow2", "left"));
    Path right = node.place(file("run/pool-right/l1.qcow2", "right"));
    assertNotEquals(left, right);
    assertEquals("left", Files.readString(node.readableHere(left).orElseThrow()));
    assertEquals("right", Files.readString(node.readableHere(right).orElseThrow()));
  }

  @Test
  void aPathOutsideTheSharedDirectoryCannotBeReadHere() throws Exception {
    assertEquals(Optional.empty(), node().readableHere(Path.of("/var/log/libvirt/x.log")));
  }
}
