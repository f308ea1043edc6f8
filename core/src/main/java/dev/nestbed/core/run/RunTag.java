package dev.nestbed.core.run;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mark nestbed leaves in a libvirt domain's {@code <metadata>}: which run created it, what it
 * is to nestbed (a partition, a pool's L1 VM, ...) and its name in the scenario.
 */
public record RunTag(RunId runId, String kind, String name) {
  /** The XML namespace of the metadata element; also the key libvirt looks it up by. */
  public static final String NAMESPACE = "urn:nestbed:run:1";

  public static final String PREFIX = "nestbed";

  private static final Pattern ELEMENT =
      Pattern.compile(
          "<(?:\\w+:)?run\\b[^>]*\\bid=['\"]([0-9a-f]{8})['\"][^>]*\\bkind=['\"]([\\w-]+)['\"][^>]*\\bname=['\"]([^'\"]*)['\"]");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  public RunTag {
    if (!NAME.matcher(kind).matches() || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "tag kind and name must be plain names: " + kind + ", " + name);
    }
  }

  /** The element placed inside {@code <metadata>}, with its namespace declared. */
  public String toXml() {
    return String.format(
        "<%s:run xmlns:%s=\"%s\" id=\"%s\" kind=\"%s\" name=\"%s\"/>",
        PREFIX, PREFIX, NAMESPACE, runId, kind, name);
  }

  /** Reads a tag back from a metadata element as libvirt returns it (prefix may differ). */
  public static Optional<RunTag> parse(String metadataXml) {
    if (metadataXml == null
        || (!metadataXml.contains(NAMESPACE) && !metadataXml.contains("run "))) {
      return Optional.empty();
    }
    Matcher m = ELEMENT.matcher(metadataXml);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(new RunTag(new RunId(m.group(1)), m.group(2), m.group(3)));
  }
}
