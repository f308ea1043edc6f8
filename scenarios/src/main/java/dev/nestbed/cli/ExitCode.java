package dev.nestbed.cli;

/** The exit codes of SCENARIO.md; scripts and CI rely on them. */
public final class ExitCode {
  /** All steps and expectations passed (or the command did what it was asked). */
  public static final int OK = 0;

  /** A step or expectation failed. */
  public static final int FAILED = 1;

  /** The scenario or the command line is invalid; nothing was started. */
  public static final int INVALID = 2;

  /** The host lacks something; the message names the package or setting. */
  public static final int HOST_NOT_READY = 3;

  /**
   * nestbed itself broke (one of its own defects, not a result of the experiment): the reports say
   * where, the stack trace is in the logs. 70 is EX_SOFTWARE of BSD's sysexits.h.
   */
  public static final int NESTBED_ERROR = 70;

  /** Interrupted (Ctrl-C, SIGINT); what was created has been torn down. */
  public static final int INTERRUPTED = 130;

  /** Terminated (SIGTERM); what was created has been torn down. 128 + 15, as shells report it. */
  public static final int TERMINATED = 143;

  private ExitCode() {}
}
