package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessResult;
import dev.nestbed.core.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every domain {@code plan --xml --out} writes for the shipped examples passes libvirt's own schema
 * ({@code virt-xml-validate FILE domain}, package libvirt-clients), under either accelerator.
 * Nothing is started: only the validator runs.
 */
class PlanXmlValidateIT {
  @TempDir Path dir;

  static Stream<Arguments> examplesAndAccelerators() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    for (Path example : ExamplesTest.realExamples()) {
      cases.add(Arguments.of(example, "tcg"));
      cases.add(Arguments.of(example, "kvm"));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} under {1}")
  @MethodSource("examplesAndAccelerators")
  void everyDomainPassesVirtXmlValidate(Path example, String accelerator) throws Exception {
    Path out = dir.resolve("xml");
    InProcessCli plan =
        InProcessCli.run(
            "plan", "--accelerator", accelerator, "--out", out.toString(), example.toString());
    assertEquals(0, plan.exitCode(), plan.stderr());
    List<String> files = plan.stderr().lines().toList();
    assertFalse(files.isEmpty(), "plan wrote no domain for " + example);
    ProcessRunner runner = new ProcessRunner();
    for (String file : files) {
      ProcessResult result =
          runner.runAllowingFailure(Command.of("virt-xml-validate", file, "domain"));
      assertEquals(
          0,
          result.exitCode(),
          "virt-xml-validate "
              + file
              + " domain: "
              + result.stderr()
              + result.stdout()
              + "\n"
              + Files.readString(Path.of(file)));
    }
  }
}
