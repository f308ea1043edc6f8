package dev.nestbed.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Transfers that run at the same time over links they may share, as migrations of one parallel
 * group do: each gets its max-min fair share of every link it crosses, and when one ends the others
 * take what it leaves. See the package documentation for the equations.
 */
public final class SharedLinks {
  private static final double EPSILON = 1e-9;

  private SharedLinks() {}

  /** What a transfer asks of the links: which it crosses, and the most it may take. */
  public interface Demand {
    Set<String> links();

    double cap();
  }

  /**
   * A transfer as a process in time, whose progress depends on the rates it got and when (a
   * migration's passes: {@link PrecopyFlow}).
   */
  public interface Flow {
    /** Seconds until its next change of phase at {@code rate}; {@code +inf} when none comes. */
    double secondsToNextEvent(double rate);

    /** Runs it {@code seconds} at {@code rate}, no further than its next event. */
    void advance(double seconds, double rate);

    boolean done();
  }

  /**
   * A transfer stepped as a {@link Flow}.
   *
   * @param cap the most it may take (its own bandwidth limit), {@code +inf} when none
   */
  public record Stepped(Set<String> links, double cap, Flow flow) implements Demand {
    public Stepped {
      links = Set.copyOf(links);
      if (!(cap > 0)) {
        throw new IllegalArgumentException("a transfer's cap must be more than 0: " + cap);
      }
    }
  }

  /**
   * Max-min fair rates (progressive filling): every transfer's rate rises together until a link it
   * crosses is full or it reaches its cap; those stop and the rest rise on. A transfer that crosses
   * no link is limited by its cap alone.
   *
   * @return each transfer's rate, in the order given
   */
  public static double[] rates(List<? extends Demand> transfers, Map<String, Double> capacities) {
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
   * Steps the flows from one start to their ends: between two events of any flow (a pass that ends,
   * a flow that ends) the rates hold, and at each they are shared again. Each flow keeps its own
   * account of what it did.
   *
   * @return when each flow ended, from the start of all, in the order given ({@code +inf} for one
   *     that never does at the rates it gets)
   */
  public static double[] step(List<Stepped> flows, Map<String, Double> capacities) {
    double[] ended = new double[flows.size()];
    Arrays.fill(ended, Double.POSITIVE_INFINITY);
    List<Integer> active = new ArrayList<>();
    for (int i = 0; i < flows.size(); i++) {
      active.add(i);
    }
    double now = 0;
    while (!active.isEmpty()) {
      double[] rate = rates(active.stream().map(flows::get).toList(), capacities);
      double step = Double.POSITIVE_INFINITY;
      for (int k = 0; k < active.size(); k++) {
        step = Math.min(step, flows.get(active.get(k)).flow().secondsToNextEvent(rate[k]));
      }
      if (step == Double.POSITIVE_INFINITY) {
        break; // what still runs never ends at the rates it gets
      }
      now += step;
      List<Integer> still = new ArrayList<>();
      for (int k = 0; k < active.size(); k++) {
        int i = active.get(k);
        Flow flow = flows.get(i).flow();
        flow.advance(step, rate[k]);
        if (flow.done()) {
          ended[i] = now;
        } else {
          still.add(i);
        }
      }
      active = still;
    }
    return ended;
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
