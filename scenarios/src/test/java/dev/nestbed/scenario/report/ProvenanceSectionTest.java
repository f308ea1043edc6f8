package dev.nestbed.scenario.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.scenario.record.Provenance;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvenanceSectionTest {
  private final String html = HtmlReport.render(SampleRun.create());
  private final String section = section(html);

  @Test
  void theReportShowsWhereTheRunCameFrom() {
    Provenance p = SampleRun.provenance();

    assertTrue(section.contains("<tr><th>nestbed</th><td>0.1.0-SNAPSHOT</td></tr>"), section);
    assertTrue(
        section.contains(
            "<tr><th>commit</th><td class=\"mono\">" + p.nestbed().commit().value() + "</td></tr>"),
        section);
    assertTrue(section.contains("<tr><th>kernel</th><td>6.1.0-27-amd64</td></tr>"), section);
    assertTrue(
        section.contains(
            "<tr><th>QEMU</th><td>" + Markup.escape(p.host().qemu().value()) + "</td></tr>"),
        section);
    assertTrue(
        section.contains(
            "<tr><th>accelerator</th><td>TCG (no /dev/kvm; guests are emulated)</td></tr>"),
        section);
    assertTrue(
        section.contains(
            "<tr><th>node n1</th><td><span class=\"muted\">local:</span> on this machine"),
        section);
    assertTrue(
        section.contains(p.scenario().path()) && section.contains(p.scenario().sha256()), section);
  }

  @Test
  void aFactThatCouldNotBeReadIsShownAsUnknownWithWhy() {
    assertTrue(
        section.contains(
            "<tr><th>libvirt</th><td><span class=\"unknown\">unknown: libvirtd is not installed"),
        section);
  }

  @Test
  void theCommandLineCanBeTypedAgain() {
    assertTrue(
        section.contains(
            "<td class=\"mono\">nestbed run scenarios/examples/pool-resize-demo.yaml --out "
                + "&#39;runs/monday morning&#39;</td>"),
        section);
    assertEquals(
        "nestbed run 'it'\\''s here' ''",
        ProvenanceSection.shellLine(List.of("nestbed", "run", "it's here", "")));
  }

  @Test
  void theScenarioTextIsThereWholeAndEscaped() {
    assertTrue(section.contains("<summary>The scenario as it ran (25 lines)</summary>"), section);
    assertTrue(
        section.contains(
            "<pre class=\"mono\">" + Markup.escape(SampleRun.SCENARIO_TEXT) + "</pre>"),
        section);
  }

  @Test
  void itComesAfterThePlotsAndBeforeTheLogs() {
    assertTrue(html.indexOf("<section id=\"plots\"") < html.indexOf("<section id=\"provenance\">"));
    assertTrue(html.indexOf("<section id=\"provenance\">") < html.indexOf("<section id=\"logs\">"));
  }

  @Test
  void resultsWithoutProvenanceSaySoInsteadOfInventingIt() {
    assertTrue(ProvenanceSection.render(null).contains("No provenance was recorded"));
  }

  private static String section(String html) {
    String from = html.substring(html.indexOf("<section id=\"provenance\">"));
    return from.substring(0, from.indexOf("</section>"));
  }
}
