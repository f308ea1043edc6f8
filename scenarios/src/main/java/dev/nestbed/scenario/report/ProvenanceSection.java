package dev.nestbed.scenario.report;

import static dev.nestbed.scenario.report.Markup.escape;

import dev.nestbed.scenario.record.Fact;
import dev.nestbed.scenario.record.Provenance;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What the run was made of and with: nestbed's version and commit, the command line, this machine's
 * kernel, QEMU and libvirt, the accelerator, each node as its provider knows it, and the scenario's
 * path, hash and text. A fact that could not be read is shown as unknown, with why.
 */
final class ProvenanceSection {
  /** Words a shell takes as they are; any other is quoted when the command line is shown. */
  private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  private ProvenanceSection() {}

  static String render(Provenance provenance) {
    StringBuilder out = new StringBuilder("<section id=\"provenance\">\n<h2>Provenance</h2>\n");
    if (provenance == null) {
      return out.append(
              "<p class=\"empty\">No provenance was recorded (results of a nestbed that did not record"
                  + " it yet).</p>\n</section>\n")
          .toString();
    }
    out.append(
        "<p class=\"muted\">What this run was made of and with, as read when it ran; what could not be read"
            + " says why.</p>\n<table class=\"provenance\"><tbody>\n");
    Provenance.Build build = provenance.nestbed();
    row(out, "nestbed", fact(build == null ? null : build.version()), false);
    row(out, "commit", fact(build == null ? null : build.commit()), true);
    row(out, "command line", escape(shellLine(provenance.commandLine())), true);
    Provenance.Host host = provenance.host();
    row(out, "kernel", fact(host == null ? null : host.kernel()), false);
    row(out, "QEMU", fact(host == null ? null : host.qemu()), false);
    row(out, "libvirt", fact(host == null ? null : host.libvirt()), false);
    row(out, "accelerator", fact(provenance.accelerator()), false);
    for (Provenance.NodeAbout node :
        Objects.requireNonNullElse(provenance.nodes(), List.<Provenance.NodeAbout>of())) {
      row(
          out,
          "node " + escape(node.name()),
          "<span class=\"muted\">" + escape(node.provider()) + ":</span> " + fact(node.about()),
          false);
    }
    Provenance.ScenarioSource scenario = provenance.scenario();
    if (scenario != null) {
      row(out, "scenario file", escape(scenario.path()), true);
      row(out, "sha256", escape(scenario.sha256()), true);
    }
    out.append("</tbody></table>\n");
    if (scenario != null && scenario.text() != null) {
      long lines = scenario.text().lines().count();
      out.append("<details class=\"scenario-text\"><summary>The scenario as it ran (")
          .append(lines)
          .append(lines == 1 ? " line" : " lines")
          .append(")</summary>\n<pre class=\"mono\">")
          .append(escape(scenario.text()))
          .append("</pre></details>\n");
    }
    return out.append("</section>\n").toString();
  }

  private static void row(StringBuilder out, String name, String valueHtml, boolean mono) {
    out.append("<tr><th>")
        .append(name)
        .append("</th><td")
        .append(mono ? " class=\"mono\"" : "")
        .append('>')
        .append(valueHtml)
        .append("</td></tr>\n");
  }

  /** The value; or, plainly marked, that it is unknown and why. */
  private static String fact(@Nullable Fact fact) {
    if (fact == null) {
      return "<span class=\"unknown\">not recorded</span>";
    }
    String value = fact.value();
    return value != null
        ? escape(value)
        : "<span class=\"unknown\">unknown: "
            + escape(Objects.requireNonNullElse(fact.whyUnknown(), ""))
            + "</span>";
  }

  /** The command line as one could type it again: words with spaces or quotes single-quoted. */
  static String shellLine(List<String> words) {
    return Objects.requireNonNullElse(words, List.<String>of()).stream()
        .map(w -> PLAIN_WORD.matcher(w).matches() ? w : "'" + w.replace("'", "'\\''") + "'")
        .collect(Collectors.joining(" "));
  }
}
