package dev.nestbed.core.host;

/**
 * One fact about the host that nestbed depends on, checked: what, the outcome, what was seen and,
 * when it is not fine, exactly what to do about it.
 */
public record HostCheck(String name, Outcome outcome, String detail, String fix) {
  /** FAIL blocks nestbed; WARN works but worse (e.g. TCG instead of KVM). */
  public enum Outcome {
    OK,
    WARN,
    FAIL
  }

  public static HostCheck ok(String name, String detail) {
    return new HostCheck(name, Outcome.OK, detail, "");
  }

  public static HostCheck warn(String name, String detail, String fix) {
    return new HostCheck(name, Outcome.WARN, detail, fix);
  }

  public static HostCheck fail(String name, String detail, String fix) {
    return new HostCheck(name, Outcome.FAIL, detail, fix);
  }
}
