package dev.nestbed.partitioner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.image.GuestImage;
import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessResult;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.RunTag;
import dev.nestbed.core.value.DataRate;
import dev.nestbed.core.value.DataSize;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every domain XML nestbed generates must pass libvirt's own schema (virt-xml-validate). */
class PartitionDomainXmlIT {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Accelerator.Kind.class)
  void partitionXmlPassesVirtXmlValidate(Accelerator.Kind kind) throws Exception {
    PartitionSpec spec =
        new PartitionSpec(
            "p1",
            1,
            4,
            DataSize.ofMiB(256),
            DataSize.ofMiB(256),
            DataSize.ofMiB(64),
            DataRate.parse("8MiB/s"));
    String xml =
        PartitionDomainXml.render(
            "nb-a1b2c3d4-p1",
            new RunTag(new RunId("a1b2c3d4"), "partition", "p1"),
            spec,
            new GuestImage(Path.of("/cache/kernel"), Path.of("/cache/initramfs.cpio"), "h"),
            new Accelerator(kind, "test"),
            new PartitionDomainXml.Paths(dir.resolve("console.log")));
    Path file = Files.writeString(dir.resolve("domain.xml"), xml);
    ProcessResult result =
        new ProcessRunner()
            .runAllowingFailure(Command.of("virt-xml-validate", file.toString(), "domain"));
    assertEquals(0, result.exitCode(), result.stderr() + result.stdout() + "\n" + xml);
  }
}
