package dev.nestbed.aggregator.pool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the logs that exist only inside an L1 out to the run's logs before the L1 goes: everything
 * under its {@code /var/log/libvirt} (the inner libvirtd's log, each L2's QEMU log and console),
 * read over the {@link L1ControlLine}. A file is cut to its last 4 MiB, the line's limit.
 */
final class L1Logs {
  private static final Logger log = LoggerFactory.getLogger(L1Logs.class);
  private static final String ROOT = "/var/log/libvirt";
  private static final Duration PER_FILE = Duration.ofSeconds(60);

  private L1Logs() {}

  /** Writes each log file to {@code into}, under its path relative to {@code /var/log/libvirt}. */
  static void keep(L1ControlLine control, Path into) throws IOException {
    List<String> files =
        control
            .output("find " + ROOT + " -type f -printf '%P\\n'", PER_FILE)
            .lines()
            .filter(name -> !name.isBlank())
            .toList();
    Files.createDirectories(into);
    for (String name : files) {
      Path target = into.resolve(name).normalize();
      if (!target.startsWith(into)) {
        log.warn("not keeping L1 log '{}': its name leaves the log directory", name);
        continue;
      }
      Files.createDirectories(target.getParent());
      String content =
          control.output(
              "tail -c 4194304 '" + ROOT + "/" + name.replace("'", "'\\''") + "'", PER_FILE);
      Files.writeString(target, content, StandardCharsets.UTF_8);
    }
    log.debug("kept {} log files from inside the L1 in {}", files.size(), into);
  }
}
