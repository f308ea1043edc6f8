package dev.nestbed.scenario.record;

import dev.nestbed.core.io.Sha256;
import java.util.List;

/**
 * What a run was made of and with, so that its figures can be judged and the run repeated:
 * nestbed's own build, the command line, the software of this machine, the accelerator, what each
 * node's provider knows of it, and the scenario itself. Every fact is as read; one that could not
 * be read says why (see {@link Fact}).
 *
 * @param commandLine how nestbed was invoked: "nestbed", then every argument it was given
 * @param accelerator how guests executed on this machine, as the run chose it
 * @param nodes one entry per node of the plan, in its order
 */
public record Provenance(
    Build nestbed,
    List<String> commandLine,
    Host host,
    Fact accelerator,
    List<NodeAbout> nodes,
    ScenarioSource scenario) {

  /**
   * nestbed's own build.
   *
   * @param version the version in the jar's manifest
   * @param commit the commit of the checkout the running code was built in, with "-dirty" appended
   *     when tracked files differ from it
   */
  public record Build(Fact version, Fact commit) {}

  /**
   * The software of this machine, which nodes of the local provider run.
   *
   * @param kernel the release of the running kernel ({@code uname -r})
   * @param qemu the first line of {@code qemu-system-x86_64 --version}
   * @param libvirt the first line of {@code libvirtd --version}
   */
  public record Host(Fact kernel, Fact qemu, Fact libvirt) {}

  /**
   * A node and what its provider knows of it: for an existing host its URI, libvirt and QEMU
   * versions, size and accelerator; for a node on this machine, that its software is the host's.
   */
  public record NodeAbout(String name, String provider, Fact about) {}

  /**
   * The scenario file as it was parsed.
   *
   * @param path its absolute path
   * @param sha256 the SHA-256 of its bytes (its text in UTF-8), in lower-case hex
   * @param text all of it
   */
  public record ScenarioSource(String path, String sha256, String text) {
    /** The source of {@code text}, read from {@code path}, with its hash. */
    public static ScenarioSource of(String path, String text) {
      return new ScenarioSource(path, sha256(text), text);
    }

    /**
     * The SHA-256 of the text's UTF-8 bytes, which are the file's bytes: it was read as strict
     * UTF-8.
     */
    public static String sha256(String text) {
      return Sha256.hex(text);
    }
  }
}
