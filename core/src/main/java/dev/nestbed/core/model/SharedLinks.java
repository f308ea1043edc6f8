package dev.nestbed.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/**
 * Transfers that run at the same time over links they may share, as migrations of one parallel
 * group do: each gets its max-min fair share of every link it crosses, and when one ends the others
 * take what it leaves. See the package documentation for the equations.
 */
public final class SharedLinks {
  private static final double EPSILON = 1e-9;

  private SharedLinks() {}

  /**
   * One transfer.
   *
   * @param links the links it crosses (by name; each one's capacity in {@code capacities})
   * @param cap the most it may take (its own bandwidth limit), {@code +inf} when none
   * @param secondsAt how long the whole transfer takes at a constant bandwidth (bytes/s), {@code
   *     +inf} when it never ends at that bandwidth; not increasing in the bandwidth
   */
  public record Transfer(Set<String> links, double cap, DoubleUnaryOperator secondsAt) {
    public Transfer {
      links = Set.copyOf(links);
      if (!(cap > 0)) {
        throw new IllegalArgumentException("a transfer's cap must be more than 0: " + cap);
      }
    }
  }

  /**
   * What a transfer got.
   *
   * @param seconds when it ended, from the start of all ({@code +inf} when it never does)
   * @param bandwidth the constant bandwidth at which it would have taken as long: where it ended,
   *     the model's other figures (bytes sent, downtime) are read at this bandwidth; where it never
   *     ends, the share it had last
   */
  public record Outcome(double seconds, double bandwidth) {}

  /**
   * Max-min fair rates (progressive filling): every transfer's rate rises together until a link it
   * crosses is full or it reaches its cap; those stop and the rest rise on. A transfer that crosses
   * no link is limited by its cap alone.
   *
   * @return each transfer's rate, in the order given
   */
  public static double[] rates(List<Transfer> transfers, Map<String, Double> capacities) {
    int n = transfers.size();
    double[] rate = new double[n];
    boolean[] frozen = new boolean[n];
    Map<String, Double> left = new HashMap<>(capacities);
    for (int i = 0; i < n; i++) {
      for (String link : transfers.get(i).links()) {
        if (!capacities.containsKey(link)) {
          throw new IllegalArgumentException("no capacity for link " + link);
        }
      }
    }
    while (true) {
      // the largest even rise every unfrozen transfer can take
      double rise = Double.POSITIVE_INFINITY;
      Map<String, Integer> users = new HashMap<>();
      for (int i = 0; i < n; i++) {
        if (!frozen[i]) {
          rise = Math.min(rise, transfers.get(i).cap() - rate[i]);
          for (String link : transfers.get(i).links()) {
            users.merge(link, 1, Integer::sum);
          }
        }
      }
      if (users.isEmpty() && rise == Double.POSITIVE_INFINITY) {
        break; // nothing left to fill
      }
      for (Map.Entry<String, Integer> use : users.entrySet()) {
        rise = Math.min(rise, left.getOrDefault(use.getKey(), 0.0) / use.getValue());
      }
      if (rise == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("a transfer crosses no link and has no cap");
      }
      for (int i = 0; i < n; i++) {
        if (!frozen[i]) {
          rate[i] += rise;
          for (String link : transfers.get(i).links()) {
            left.merge(link, -rise, Double::sum);
          }
        }
      }
      boolean any = false;
      for (int i = 0; i < n; i++) {
        if (frozen[i]) {
          continue;
        }
        boolean full = transfers.get(i).cap() - rate[i] <= EPSILON * Math.max(1, rate[i]);
        for (String link : transfers.get(i).links()) {
          full |=
              left.getOrDefault(link, 0.0)
                  <= EPSILON * Math.max(1, capacities.getOrDefault(link, 0.0));
        }
        if (full) {
          frozen[i] = true;
          any = true;
        }
      }
      if (!any || allFrozen(frozen)) {
        break;
      }
    }
    return rate;
  }

  /**
   * Runs the transfers from one start to their ends. Between two ends the rates hold; at each end
   * they are shared again. Progress is counted as the fraction of the whole transfer done: at rate
   * {@code b} for {@code dt} seconds, {@code dt / secondsAt(b)} of it.
   *
   * @return what each transfer got, in the order given
   */
  public static List<Outcome> run(List<Transfer> transfers, Map<String, Double> capacities) {
    int n = transfers.size();
    double[] left = new double[n];
    Arrays.fill(left, 1.0);
    double[] ended = new double[n];
    Arrays.fill(ended, Double.NaN);
    double[] lowest = new double[n];
    double[] highest = new double[n];
    double[] last = new double[n];
    Arrays.fill(lowest, Double.POSITIVE_INFINITY);
    List<Integer> active = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      active.add(i);
    }
    double now = 0;
    while (!active.isEmpty()) {
      List<Transfer> running = active.stream().map(transfers::get).toList();
      double[] rate = rates(running, capacities);
      double[] whole = new double[active.size()];
      double step = Double.POSITIVE_INFINITY;
      for (int k = 0; k < active.size(); k++) {
        int i = active.get(k);
        last[i] = rate[k];
        lowest[i] = Math.min(lowest[i], rate[k]);
        highest[i] = Math.max(highest[i], rate[k]);
        whole[k] = rate[k] > 0 ? transfers.get(i).secondsAt().applyAsDouble(rate[k]) : Double.NaN;
        double remaining = Double.isNaN(whole[k]) ? Double.POSITIVE_INFINITY : left[i] * whole[k];
        step = Math.min(step, remaining);
      }
      if (step == Double.POSITIVE_INFINITY) {
        break; // what still runs never ends at the rates it gets
      }
      now += step;
      List<Integer> still = new ArrayList<>();
      for (int k = 0; k < active.size(); k++) {
        int i = active.get(k);
        if (!Double.isNaN(whole[k]) && whole[k] != Double.POSITIVE_INFINITY) {
          left[i] -= step / whole[k];
        }
        if (left[i] <= EPSILON) {
          ended[i] = now;
        } else {
          still.add(i);
        }
      }
      active = still;
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(ended[i])) {
        outcomes.add(new Outcome(Double.POSITIVE_INFINITY, last[i]));
      } else {
        outcomes.add(
            new Outcome(
                ended[i],
                constantBandwidth(transfers.get(i).secondsAt(), ended[i], lowest[i], highest[i])));
      }
    }
    return outcomes;
  }

  /**
   * The bandwidth in {@code [low, high]} at which the transfer takes {@code seconds}: it ran at
   * rates within that range, so its time lies between the times at both ends (bisection; the time
   * does not increase with the bandwidth). Where the time jumps (pre-copy's pass count, or its
   * convergence, changes at a threshold) no bandwidth takes exactly that long: the answer is then
   * the lowest bandwidth found at which the transfer takes no longer, so a transfer that ended is
   * never read at a bandwidth where it would not.
   */
  private static double constantBandwidth(
      DoubleUnaryOperator secondsAt, double seconds, double low, double high) {
    if (high - low <= EPSILON * high) {
      return high;
    }
    for (int i = 0; i < 100 && high - low > EPSILON * high; i++) {
      double mid = (low + high) / 2;
      if (secondsAt.applyAsDouble(mid) > seconds) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return high;
  }

  private static boolean allFrozen(boolean[] frozen) {
    for (boolean f : frozen) {
      if (!f) {
        return false;
      }
    }
    return true;
  }
}
