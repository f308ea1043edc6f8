package dev.nestbed.cli;

import picocli.CommandLine.Command;

/** {@code nestbed bench}: measurements that are not scenarios (a matrix of runs, a table). */
@Command(name = "bench", description = "Benchmarks that print a table of measured figures.",
    subcommands = {MigrationBenchCommand.class, ValidateBenchCommand.class})
final class BenchCommand {}
