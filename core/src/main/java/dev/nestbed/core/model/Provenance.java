package dev.nestbed.core.model;

/**
 * Where a calibration's constants come from, so that a figure predicted with them can be judged.
 *
 * @param where the machine and software measured (host kind, accelerator, QEMU and libvirt)
 * @param when the date of the measurement
 * @param how what was run and how each constant follows from what was measured
 * @param source the document that holds the measured figures
 */
public record Provenance(String where, String when, String how, String source) {}
