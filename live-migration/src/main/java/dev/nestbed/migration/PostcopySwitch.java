package dev.nestbed.migration;

import java.time.Duration;

/**
 * When and why a migration switched from pre-copy to post-copy.
 *
 * @param iteration the pre-copy pass in progress when it switched, as libvirt counts them (2 is the
 *     first pass after the full one); 0 when unknown
 * @param elapsed from the start of the migration call to the switch
 * @param trigger which rule of {@link MigrationOptions} switched it
 */
record PostcopySwitch(long iteration, Duration elapsed, Trigger trigger) {
  /** The rule that switched. */
  enum Trigger {
    /** libvirt's MIGRATION_ITERATION event reported the pass after the last pre-copy one began. */
    PASS_EVENT,
    /** A job sample found the post-copy-after time was up. */
    ELAPSED_TIME
  }

  String describe() {
    return "at pass "
        + iteration
        + ", "
        + elapsed.toMillis()
        + " ms into the migration ("
        + (trigger == Trigger.PASS_EVENT
            ? "libvirt's migration-iteration event"
            : "the post-copy-after time")
        + ")";
  }
}
