package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nestbed.core.host.HostCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code doctor --json} carries every fact of the text: checks, outcomes, details, fixes,
 * readiness, exit code.
 */
class DoctorReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyCheckOfTheTextIsInTheJson() throws IOException {
    DoctorReport report =
        new DoctorReport(
            List.of(
                HostCheck.ok("qemu", "qemu-system-x86_64 10.0"),
                HostCheck.warn("accelerator", "TCG: no /dev/kvm", "load kvm_intel or kvm_amd"),
                HostCheck.fail(
                    "libvirt", "libvirtd not found", "apt-get install libvirt-daemon-system")));
    StringWriter text = new StringWriter();
    report.printText(new PrintWriter(text));

    JsonNode json = JSON.readTree(JSON.writeValueAsString(report.json()));

    assertEquals(false, json.get("ready").asBoolean());
    assertEquals(1, json.get("problems").asInt());
    assertEquals(3, json.get("exitCode").asInt());
    assertEquals(3, json.get("checks").size());
    for (JsonNode check : json.get("checks")) {
      String label =
          check.get("outcome").asText().equals("fail") ? "FAIL" : check.get("outcome").asText();
      assertTrue(
          text.toString()
              .lines()
              .anyMatch(
                  l ->
                      l.startsWith(label)
                          && l.contains(check.get("name").asText())
                          && l.endsWith(check.get("detail").asText())),
          check + " in\n" + text);
      if (!check.get("fix").isNull()) {
        assertTrue(
            text.toString().contains("fix: " + check.get("fix").asText() + "\n"),
            check + " in\n" + text);
      }
    }
    assertTrue(json.get("checks").get(0).get("fix").isNull());
    assertTrue(
        text.toString().endsWith("1 problem to fix; ci/setup-host.sh installs everything\n"),
        text.toString());
  }

  @Test
  void aHostWithOnlyWarningsIsReady() {
    DoctorReport report =
        new DoctorReport(List.of(HostCheck.warn("accelerator", "TCG", "load kvm")));

    assertEquals(0, report.exitCode());
    assertTrue(report.json().get("ready").asBoolean());
  }
}
