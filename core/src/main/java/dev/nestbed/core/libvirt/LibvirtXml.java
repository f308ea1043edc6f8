package dev.nestbed.core.libvirt;

import dev.nestbed.core.NestbedException;
import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** Parses the XML documents libvirt hands out (capabilities, live domain XML); no DTDs. */
final class LibvirtXml {
  private LibvirtXml() {}

  /**
   * @param what names the document in the error, e.g. "libvirt's capabilities XML"
   */
  static Document parse(String xml, String what) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    } catch (Exception e) {
      throw new NestbedException("cannot read " + what + ": " + e.getMessage(), null, e);
    }
  }
}
