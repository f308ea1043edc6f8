package dev.nestbed.core.libvirt;

import dev.nestbed.core.value.DataSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads the NUMA cells out of libvirt's capabilities XML ({@code <host><topology><cells>}). */
public final class CapabilitiesTopology {
  private CapabilitiesTopology() {}

  public static List<NumaCell> cells(String capabilitiesXml) {
    Document doc = LibvirtXml.parse(capabilitiesXml, "libvirt's capabilities XML");
    List<NumaCell> cells = new ArrayList<>();
    NodeList topologies = doc.getElementsByTagName("topology");
    for (int t = 0; t < topologies.getLength(); t++) {
      Element topology = (Element) topologies.item(t);
      if (!"host".equals(topology.getParentNode().getNodeName())) {
        continue; // guest <topology> elements elsewhere in the document are not the host's
      }
      NodeList cellList = topology.getElementsByTagName("cell");
      for (int i = 0; i < cellList.getLength(); i++) {
        cells.add(cell((Element) cellList.item(i)));
      }
    }
    return cells;
  }

  private static NumaCell cell(Element cell) {
    int id = Integer.parseInt(cell.getAttribute("id"));
    DataSize memory = DataSize.ZERO;
    NodeList memories = cell.getElementsByTagName("memory");
    if (memories.getLength() > 0) {
      Element m = (Element) memories.item(0);
      memory = DataSize.ofKiB(Long.parseLong(m.getTextContent().strip()));
    }
    Map<Integer, Integer> distances = new LinkedHashMap<>();
    NodeList siblings = cell.getElementsByTagName("sibling");
    for (int i = 0; i < siblings.getLength(); i++) {
      Element s = (Element) siblings.item(i);
      distances.put(
          Integer.parseInt(s.getAttribute("id")), Integer.parseInt(s.getAttribute("value")));
    }
    List<Integer> cpus = new ArrayList<>();
    NodeList cpuList = cell.getElementsByTagName("cpu");
    for (int i = 0; i < cpuList.getLength(); i++) {
      cpus.add(Integer.parseInt(((Element) cpuList.item(i)).getAttribute("id")));
    }
    return new NumaCell(id, memory, cpus, distances);
  }
}
