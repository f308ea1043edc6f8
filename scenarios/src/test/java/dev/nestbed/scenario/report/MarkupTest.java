package dev.nestbed.scenario.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MarkupTest {
  @Test
  void markupCharactersAreEscaped() {
    assertEquals(
        "&lt;script&gt;a &amp;&amp; &quot;b&quot; &#39;c&#39;&lt;/script&gt;",
        Markup.escape("<script>a && \"b\" 'c'</script>"));
    assertEquals("", Markup.escape(null));
  }

  @Test
  void charactersXmlForbidsAreReplacedAndTheRestKept() {
    assertEquals(
        "a\ufffdb\tc\n\ufffd \ud83d\ude80 \ufffd",
        Markup.clean("a\u0000b\tc\n\u001b \ud83d\ude80 \udc00"));
    assertEquals("plain", Markup.clean("plain"));
  }

  @Test
  void linksArePercentEncodedPerSegment() {
    assertEquals("logs/n1/libvirtd.log", Markup.relativeHref("logs/n1/libvirtd.log"));
    assertEquals("logs/run%20log%23%3F.txt", Markup.relativeHref("logs/run log#?.txt"));
    assertEquals("javascript%3Aalert%281%29", Markup.relativeHref("javascript:alert(1)"));
  }
}
