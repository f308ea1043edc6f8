package dev.nestbed.core.value;

/** A unit symbol and how many of the base unit (bytes, bits, nanoseconds) it stands for. */
record Unit(String symbol, long factor) {}
