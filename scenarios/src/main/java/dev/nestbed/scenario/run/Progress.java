package dev.nestbed.scenario.run;

import dev.nestbed.scenario.record.StepRecord;

/** What the user sees while a run goes on. */
public interface Progress {
  /** A phase begins: "planning", "starting nodes", "running steps", "tearing down". */
  void phase(String name);

  void stepStarted(String path, String summary);

  /** Something worth a line inside a long step: "p1 booting", "p1 first heartbeat after 6.2 s". */
  void detail(String text);

  void stepFinished(StepRecord step);

  /** Stops any background drawing. */
  default void close() {}
}
