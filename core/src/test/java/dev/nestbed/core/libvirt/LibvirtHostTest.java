package dev.nestbed.core.libvirt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.RunTag;
import dev.nestbed.core.value.DataSize;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway against libvirt's in-process test driver: fast, no daemon. */
class LibvirtHostTest {
  private static final RunId RUN = new RunId("0badcafe");
  private LibvirtHost host;

  @BeforeEach
  void connect() {
    host = LibvirtHost.connect("testhost", "test:///default");
  }

  @AfterEach
  void close() {
    host.close();
  }

  private static String domainXml(String name, RunTag tag) {
    return """
        <domain type='test'>
          <name>%s</name>
          %s
          <memory unit='KiB'>262144</memory>
          <currentMemory unit='KiB'>262144</currentMemory>
          <vcpu current='1'>2</vcpu>
          <os><type arch='x86_64'>hvm</type></os>
        </domain>
        """
        .formatted(name, tag == null ? "" : "<metadata>" + tag.toXml() + "</metadata>");
  }

  @Test
  void theOnlineCpuMapComesThroughTheNativeBinding() {
    // the test driver reports a map with gaps: CPUs 0, 2 and 4 online
    assertEquals("{0, 2, 4}", host.onlineCpus().toString());
  }

  @Test
  void aCpuMapHasOneBitPerCpuAndAtLeastOneByte() {
    java.util.BitSet cpus = new java.util.BitSet();
    cpus.set(0);
    cpus.set(2);
    cpus.set(9);
    assertArrayEquals(new byte[] {0b101, 0b10}, MissingBindings.cpuMap(cpus));
    assertArrayEquals(new byte[] {0}, MissingBindings.cpuMap(new java.util.BitSet()));
  }

  @Test
  void pinningAndNumaTuningGoThroughTheNativeBindings() {
    LibvirtDomain domain = host.define(domainXml("nb-0badcafe-p4", null));
    domain.start();
    try {
      domain.pinLive(java.util.Set.of(2));
      String xml = domain.xml();
      assertTrue(xml.contains("<vcpupin vcpu='0' cpuset='2'/>"), xml);
      assertTrue(xml.contains("<emulatorpin cpuset='2'/>"), xml);
      // the typed parameter list is built and freed by libvirt; the test driver accepts it and
      // keeps nothing, so where the memory goes is measured against real daemons (the move step)
      domain.setLiveNumaNodes(java.util.Set.of(0));
    } finally {
      domain.destroyAndUndefine();
    }
  }

  @Test
  void aNativeCallTheDriverLacksFailsWithTheCallAndDomainNamed() {
    LibvirtDomain domain = host.define(domainXml("nb-0badcafe-p3", null));
    domain.start();
    try {
      LibvirtCallException e =
          assertThrows(
              LibvirtCallException.class,
              () -> domain.setLiveVcpuStates(java.util.List.of(1), true));
      assertEquals("virDomainSetVcpu(1, enable)", e.call());
      assertEquals("nb-0badcafe-p3", e.domain());
      assertTrue(e.getMessage().contains("on testhost failed: "), e.getMessage());
    } finally {
      domain.destroyAndUndefine();
    }
  }

  @Test
  void definesStartsResizesAndRemovesADomain() {
    LibvirtDomain domain =
        host.define(domainXml("nb-0badcafe-p1", new RunTag(RUN, "partition", "p1")));
    assertEquals(DomainState.SHUT_OFF, domain.state());
    domain.start();
    assertEquals(DomainState.RUNNING, domain.state());
    assertTrue(domain.isActive());

    domain.setLiveVcpus(2);
    assertEquals(2, domain.liveVcpus());
    domain.setLiveMemory(DataSize.ofMiB(192));
    assertEquals(DataSize.ofMiB(192), domain.currentMemory());

    domain.destroyAndUndefine();
    assertTrue(host.lookup("nb-0badcafe-p1").isEmpty());
    domain.destroyAndUndefine(); // idempotent: already gone is fine
  }

  @Test
  void aStoppedDomainSaysWhyInLibvirtsOwnTerms() {
    LibvirtDomain domain =
        host.define(domainXml("nb-0badcafe-p3", new RunTag(RUN, "partition", "p3")));
    try {
      domain.start();
      assertTrue(domain.whyNotRunning().isEmpty());
      domain.destroy();
      assertEquals(
          Optional.of(new DomainStop("it is shut off: it was destroyed", false)),
          domain.whyNotRunning());
    } finally {
      domain.destroyAndUndefine();
    }
  }

  @Test
  void readsTheRunTagBackAndFindsOnlyTheRunsDomains() {
    host.define(domainXml("nb-0badcafe-p2", new RunTag(RUN, "partition", "p2")));
    host.define(domainXml("somebody-elses", null));
    host.define(domainXml("nb-12345678-p3", new RunTag(new RunId("12345678"), "partition", "p3")));

    assertEquals(
        new RunTag(RUN, "partition", "p2"),
        host.lookup("nb-0badcafe-p2").orElseThrow().runTag().orElseThrow());
    assertTrue(host.lookup("somebody-elses").orElseThrow().runTag().isEmpty());
    assertEquals(
        java.util.List.of("nb-0badcafe-p2"),
        host.domainsOf(RUN).stream().map(LibvirtDomain::name).toList());
  }

  @Test
  void aFailedCallNamesTheCallTheDomainAndTheHost() {
    LibvirtDomain domain = host.define(domainXml("nb-0badcafe-p4", null));
    domain.start();
    LibvirtCallException e = assertThrows(LibvirtCallException.class, domain::start);
    assertEquals("virDomainCreate", e.call());
    assertEquals("nb-0badcafe-p4", e.domain());
    assertEquals("testhost", e.host());
    assertTrue(
        e.getMessage()
            .startsWith("libvirt virDomainCreate of domain 'nb-0badcafe-p4' on testhost failed: "),
        e.getMessage());
    domain.destroyAndUndefine();
  }

  @Test
  void anInvalidDefinitionIsRefusedWithTheDomainNamed() {
    LibvirtCallException e =
        assertThrows(
            LibvirtCallException.class,
            () -> host.define("<domain type='test'><name>nb-0badcafe-bad</name></domain>"));
    assertEquals("virDomainDefineXML", e.call());
    assertEquals("nb-0badcafe-bad", e.domain());
  }

  @Test
  void anUnreachableHostIsNamedInTheError() {
    LibvirtCallException e =
        assertThrows(
            LibvirtCallException.class,
            () ->
                LibvirtHost.connect("n9", "qemu+unix:///system?socket=/nonexistent/libvirt-sock"));
    assertEquals("n9", e.host());
    assertTrue(e.getMessage().contains("/nonexistent/libvirt-sock"), e.getMessage());
  }

  @Test
  void lookupOfAnUnknownDomainIsEmpty() {
    assertFalse(host.lookup("no-such-domain").isPresent());
  }
}
