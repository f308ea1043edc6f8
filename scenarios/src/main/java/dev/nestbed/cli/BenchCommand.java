package dev.nestbed.cli;

import picocli.CommandLine.Command;

/** {@code nestbed bench}: measurements that are not scenarios (a matrix of runs, a table). */
@Command(
    name = "bench",
    description = "Run a benchmark and print a table of what it measured.",
    subcommands = {MigrationBenchCommand.class, ValidateBenchCommand.class, CalibrateCommand.class})
final class BenchCommand {}
