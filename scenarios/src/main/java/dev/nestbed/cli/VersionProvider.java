package dev.nestbed.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar's manifest. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = NestbedCli.class.getPackage().getImplementationVersion();
    return new String[] {"nestbed " + (version == null ? "(development build)" : version)};
  }
}
