package dev.nestbed.scenario.record;

/**
 * Marks a run as simulated: no node, pool or guest was started, and every figure comes from the
 * models, calibrated by measured runs as said here.
 *
 * @param models what computed the figures, in one line
 * @param calibrationWhere the kind of host the calibration was measured on
 * @param calibrationWhen when it was measured
 * @param calibrationHow how its figures were obtained
 * @param calibrationSource where its figures are written down
 */
public record Simulation(
    String models,
    String calibrationWhere,
    String calibrationWhen,
    String calibrationHow,
    String calibrationSource) {}
