package dev.nestbed.scenario.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Escaping for text that comes from a run record: names and messages are free text (a libvirt error
 * may quote XML), and the report must stay well-formed XML whatever they hold.
 */
final class Markup {
  private Markup() {}

  /** Escapes text for element content and (double- or single-quoted) attribute values. */
  static String escape(@Nullable String text) {
    if (text == null) {
      return "";
    }
    String clean = clean(text);
    StringBuilder out = new StringBuilder(clean.length() + 16);
    for (int i = 0; i < clean.length(); i++) {
      char c = clean.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Replaces characters XML 1.0 forbids even when escaped (control characters from a guest console,
   * unpaired surrogates) with U+FFFD, so one bad byte cannot make a report unreadable.
   */
  static String clean(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        if (out != null) {
          out.append(c).append(text.charAt(i + 1));
        }
        i++;
        continue;
      }
      boolean allowed =
          c == '\t'
              || c == '\n'
              || c == '\r'
              || (c >= 0x20 && c <= 0xD7FF)
              || (c >= 0xE000 && c <= 0xFFFD);
      if (!allowed && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        out.append(allowed ? c : '\uFFFD');
      }
    }
    return out == null ? text : out.toString();
  }

  /** A relative link target with each path segment percent-encoded; slashes are kept. */
  static String relativeHref(String path) {
    StringBuilder out = new StringBuilder();
    for (String segment : path.replace('\\', '/').split("/", -1)) {
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return out.toString();
  }
}
