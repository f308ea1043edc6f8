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

  /** What a transfer asks of the links: which it crosses, and the most it may take. */
  public interface Demand {
    Set<String> links();

    double cap();
  }

  /**
   * A transfer as a process in time, whose progress depends on the rates it got and when (a
   * pre-copy migration's passes: {@link PrecopyFlow}).
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
   * One transfer.
   *
   * @param links the links it crosses (by name; each one's capacity in {@code capacities})
   * @param cap the most it may take (its own bandwidth limit), {@code +inf} when none
   * @param secondsAt how long the whole transfer takes at a constant bandwidth (bytes/s), {@code
   *     +inf} when it never ends at that bandwidth; not increasing in the bandwidth
   */
  public record Transfer(Set<String> links, double cap, DoubleUnaryOperator secondsAt)
      implements Demand {
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
   * Runs the transfers from one start to their ends. Between two ends the rates hold; at each end
   * they are shared again. Progress is counted as the fraction of the whole transfer done: at rate
   * {@code b} for {@code dt} seconds, {@code dt / secondsAt(b)} of it.
   *
   * @return what each transfer got, in the order given
   */
  public static List<Outcome> run(List<Transfer> transfers, Map<String, Double> capacities) {
    List<Fraction> fractions = new ArrayList<>();
    List<Stepped> flows = new ArrayList<>();
    for (Transfer t : transfers) {
      Fraction f = new Fraction(t.secondsAt());
      fractions.add(f);
      flows.add(new Stepped(t.links(), t.cap(), f));
    }
    double[] ended = step(flows, capacities);
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < transfers.size(); i++) {
      outcomes.add(fractions.get(i).outcome(ended[i]));
    }
    return outcomes;
  }

  /**
   * A transfer whose progress is the fraction of its whole time at the rate it has: for a model
   * that has no steppable form (post-copy, auto-converge).
   */
  public static final class Fraction implements Flow {
    private final DoubleUnaryOperator secondsAt;
    private double left = 1;
    private double lowest = Double.POSITIVE_INFINITY;
    private double highest;
    private double last;

    /**
     * @param secondsAt how long the whole transfer takes at a constant bandwidth (bytes/s), {@code
     *     +inf} when it never ends at that bandwidth; not increasing in the bandwidth
     */
    public Fraction(DoubleUnaryOperator secondsAt) {
      this.secondsAt = secondsAt;
    }

    private double wholeRate = Double.NaN;
    private double wholeSeconds;

    /** The whole transfer's time at {@code rate}; each round asks twice at one rate. */
    private double whole(double rate) {
      if (rate != wholeRate) {
        wholeRate = rate;
        wholeSeconds = rate > 0 ? secondsAt.applyAsDouble(rate) : Double.POSITIVE_INFINITY;
      }
      return wholeSeconds;
    }

    @Override
    public double secondsToNextEvent(double rate) {
      last = rate;
      double whole = whole(rate);
      return Double.isFinite(whole) ? left * whole : Double.POSITIVE_INFINITY;
    }

    @Override
    public void advance(double seconds, double rate) {
      lowest = Math.min(lowest, rate);
      highest = Math.max(highest, rate);
      double whole = whole(rate);
      if (Double.isFinite(whole)) {
        left -= seconds / whole;
      }
    }

    @Override
    public boolean done() {
      return left <= EPSILON;
    }

    /** What it got, given when it ended ({@code +inf}: never). */
    public Outcome outcome(double ended) {
      return Double.isInfinite(ended)
          ? new Outcome(Double.POSITIVE_INFINITY, last)
          : new Outcome(ended, constantBandwidth(secondsAt, ended, lowest, highest));
    }
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
