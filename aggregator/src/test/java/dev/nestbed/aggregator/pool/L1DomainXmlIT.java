package dev.nestbed.aggregator.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.image.HypervisorImage;
import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessResult;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.RunTag;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.core.value.TimeSpan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The L1 domain XML passes libvirt's own schema, and carries the planned cells and distances. */
class L1DomainXmlIT {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Accelerator.Kind.class)
  void passesVirtXmlValidate(Accelerator.Kind kind) throws Exception {
    PoolPlan plan =
        PoolPlanner.plan(
            "big",
            "nested",
            List.of(
                new NodeSpec("n1", 2, DataSize.ofGiB(1)), new NodeSpec("n2", 1, DataSize.ofGiB(2))),
            List.of(new NodeSpec("n3", 1, DataSize.ofMiB(1000))),
            DataSize.ofMiB(256),
            TimeSpan.parse("2us"));
    String xml =
        L1DomainXml.render(
            "nb-a1b2c3d4-pool-big",
            new RunTag(new RunId("a1b2c3d4"), "pool", "big"),
            plan,
            new HypervisorImage(
                Path.of("/c/disk.img"),
                Path.of("/c/vmlinuz"),
                Path.of("/c/initrd.img"),
                "root=/dev/vda rw console=ttyS0 init=/sbin/nestbed-l1-init",
                "h"),
            new Accelerator(kind, "test"),
            new L1DomainXml.Paths(
                dir.resolve("l1.qcow2"), dir.resolve("images.img"), dir.resolve("console.log")));
    assertTrue(xml.contains("<cell id='0' cpus='0-1' memory='1024' unit='MiB'>"), xml);
    assertTrue(xml.contains("<cell id='1' cpus='2' memory='2048' unit='MiB'>"), xml);
    assertTrue(xml.contains("<sibling id='1' value='210'/>"), xml);
    assertTrue(
        xml.contains("<cell id='2' cpus='3' memory='128' unit='MiB'>"),
        "the spare boots with its seed: " + xml);
    assertTrue(
        xml.contains("<maxMemory slots='1' unit='MiB'>3968</maxMemory>"),
        "boot 1024+2048+128 MiB plus the spare's DIMM (1000-128 = 872 MiB, rounded down to whole 128 MiB blocks: 768): "
            + xml);
    assertTrue(xml.contains("<vcpu placement='static' current='3'>4</vcpu>"), xml);
    assertTrue(xml.contains("<vcpu id='0' enabled='yes' hotpluggable='no'/>"), xml);
    assertTrue(xml.contains("<vcpu id='3' enabled='no' hotpluggable='yes'/>"), xml);
    assertTrue(
        xml.contains("hostfwd=tcp:127.0.0.1:16509-:16509"),
        "the inner libvirtd must only be forwarded to loopback");
    Path file = Files.writeString(dir.resolve("l1.xml"), xml);
    ProcessResult result =
        new ProcessRunner()
            .runAllowingFailure(Command.of("virt-xml-validate", file.toString(), "domain"));
    assertEquals(0, result.exitCode(), result.stderr() + result.stdout() + "\n" + xml);
  }
}
