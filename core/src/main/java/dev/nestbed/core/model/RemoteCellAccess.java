package dev.nestbed.core.model;

/**
 * What a partition spread over several cells pays for memory on cells other than the one its vCPU
 * runs on, from the pool's NUMA distances. The equation and its source are in the package
 * description.
 */
public final class RemoteCellAccess {
  /** The distance ACPI's SLIT gives a cell to itself: local access. */
  public static final int LOCAL = 10;

  private RemoteCellAccess() {}

  /**
   * The mean memory latency of a partition whose vCPUs and memory are spread evenly over its cells,
   * relative to all-local access (1.0 on one cell).
   *
   * @param distances row i, column j: the SLIT distance from the partition's i-th cell to its j-th
   *     ({@value #LOCAL} on the diagonal); square, at least one row
   */
  public static double relativeLatency(int[][] distances) {
    int k = distances.length;
    if (k == 0) {
      throw new IllegalArgumentException("a partition sits on at least one cell");
    }
    double sum = 0;
    for (int[] row : distances) {
      if (row.length != k) {
        throw new IllegalArgumentException(
            "the distances of " + k + " cells must be " + k + "x" + k);
      }
      for (int d : row) {
        sum += d;
      }
    }
    return sum / ((double) k * k * LOCAL);
  }
}
