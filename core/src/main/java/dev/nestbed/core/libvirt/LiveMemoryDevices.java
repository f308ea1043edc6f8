package dev.nestbed.core.libvirt;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.value.DataSize;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The memory devices in a domain's live XML, and the device XML that asks a virtio-mem device for
 * another size. libvirt updates a device only from its live XML (address and alias included), so
 * the request is that XML with {@code <requested>} changed, nothing rebuilt.
 */
final class LiveMemoryDevices {
  private LiveMemoryDevices() {}

  static List<MemoryDevice> of(String domainXml, String domain) {
    List<MemoryDevice> devices = new ArrayList<>();
    for (Element memory :
        memoryElements(LibvirtXml.parse(domainXml, "the live XML of domain " + domain))) {
      String model = memory.getAttribute("model");
      Element target = child(memory, "target").orElse(null);
      if (target == null) {
        continue;
      }
      DataSize size = size(target, "size").orElse(DataSize.ZERO);
      int node =
          child(target, "node").map(n -> Integer.parseInt(n.getTextContent().strip())).orElse(0);
      String alias = child(memory, "alias").map(a -> a.getAttribute("name")).orElse("");
      devices.add(
          new MemoryDevice(
              model,
              alias,
              node,
              size,
              size(target, "requested").orElse(size),
              size(target, "current").orElse(size)));
    }
    return devices;
  }

  /**
   * The live XML of virtio-mem device {@code alias} with {@code requested} set: what updateDevice
   * takes.
   */
  static String withRequested(String domainXml, String domain, String alias, DataSize requested) {
    Document document = LibvirtXml.parse(domainXml, "the live XML of domain " + domain);
    for (Element memory : memoryElements(document)) {
      boolean named =
          child(memory, "alias").map(a -> alias.equals(a.getAttribute("name"))).orElse(false);
      Optional<Element> asked = child(memory, "target").flatMap(t -> child(t, "requested"));
      if (named && "virtio-mem".equals(memory.getAttribute("model")) && asked.isPresent()) {
        asked.get().setAttribute("unit", "KiB");
        asked.get().setTextContent(String.valueOf(requested.bytes() / 1024));
        // libvirt rejects an update that also names the current size: that is the guest's to set
        child((Element) asked.get().getParentNode(), "current")
            .ifPresent(c -> c.getParentNode().removeChild(c));
        return serialize(memory);
      }
    }
    throw new NestbedException(
        "domain " + domain + " has no virtio-mem device '" + alias + "'",
        "it was defined without max-memory above memory, or the device was removed");
  }

  private static List<Element> memoryElements(Document document) {
    List<Element> found = new ArrayList<>();
    NodeList devices = document.getDocumentElement().getElementsByTagName("devices");
    if (devices.getLength() == 0) {
      return found;
    }
    NodeList children = devices.item(0).getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element e && e.getTagName().equals("memory")) {
        found.add(e);
      }
    }
    return found;
  }

  private static Optional<Element> child(Element parent, String name) {
    NodeList children = parent.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element e && e.getTagName().equals(name)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  private static Optional<DataSize> size(Element target, String name) {
    return child(target, name)
        .map(
            e ->
                DataSize.parse(
                    e.getTextContent().strip()
                        + (e.hasAttribute("unit") ? unit(e.getAttribute("unit")) : "KiB")));
  }

  /** libvirt's units (KiB, k, MiB, M, b, bytes, ...) as DataSize writes them. */
  private static String unit(String libvirtUnit) {
    return switch (libvirtUnit) {
      case "b", "bytes" -> "B";
      case "k", "KiB" -> "KiB";
      case "M", "MiB" -> "MiB";
      case "G", "GiB" -> "GiB";
      case "T", "TiB" -> "TiB";
      default -> libvirtUnit;
    };
  }

  private static String serialize(Element element) {
    try {
      var transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      StringWriter out = new StringWriter();
      transformer.transform(new DOMSource(element), new StreamResult(out));
      return out.toString();
    } catch (Exception e) {
      throw new NestbedException("cannot write a memory device's XML: " + e.getMessage(), null, e);
    }
  }
}
