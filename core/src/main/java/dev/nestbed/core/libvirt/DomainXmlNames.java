package dev.nestbed.core.libvirt;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code <name>} of a domain XML so errors can name the domain before libvirt does. */
final class DomainXmlNames {
  private static final Pattern NAME = Pattern.compile("<name>\\s*([^<]+?)\\s*</name>");

  private DomainXmlNames() {}

  static String nameOf(String domainXml) {
    Matcher m = NAME.matcher(domainXml);
    return m.find() ? m.group(1) : "(unnamed)";
  }
}
