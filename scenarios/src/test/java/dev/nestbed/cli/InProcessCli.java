package dev.nestbed.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * The nestbed CLI run inside the test's JVM, as {@link NestbedCli#execute} runs it, with its output
 * kept apart.
 */
record InProcessCli(int exitCode, String stdout, String stderr) {
  static InProcessCli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = NestbedCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new InProcessCli(code, out.toString(), err.toString());
  }
}
