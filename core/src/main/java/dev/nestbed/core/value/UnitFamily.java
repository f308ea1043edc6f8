package dev.nestbed.core.value;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Units that belong together (binary bytes, decimal bits), largest first, and the rule for printing
 * a value in them.
 */
final class UnitFamily {
  // Two decimals keep printed values readable (1.5GiB, 1.25GiB) without hiding precision:
  // anything finer falls through to a smaller unit, so printing never rounds.
  private static final int DECIMALS = 2;
  private static final long HUNDREDTHS = 100;

  private final List<Unit> largestFirst;

  UnitFamily(Unit... largestFirst) {
    this.largestFirst = List.of(largestFirst);
  }

  /** Every symbol of the given families with its factor, for parsing. */
  static Map<String, Long> symbols(UnitFamily... families) {
    Map<String, Long> symbols = new LinkedHashMap<>();
    for (UnitFamily family : families) {
      family.largestFirst.forEach(unit -> symbols.put(unit.symbol(), unit.factor()));
    }
    // Ordered, so that a did-you-mean search over the symbols is deterministic.
    return Collections.unmodifiableMap(symbols);
  }

  /**
   * The shortest exact text of {@code amount} base units among the families; on a tie the earlier
   * family wins, so callers list their preferred family first.
   */
  static String shortest(long amount, UnitFamily... preferredFirst) {
    String best = null;
    for (UnitFamily family : preferredFirst) {
      String text = family.format(amount);
      if (text != null && (best == null || text.length() < best.length())) {
        best = text;
      }
    }
    if (best == null) {
      throw new IllegalStateException("no unit prints " + amount + " exactly");
    }
    return best;
  }

  /**
   * The value in the largest unit it reaches at least once with at most two decimals, e.g. 1.5GiB
   * but 1152MiB rather than 1.125GiB; null if not even the smallest unit is exact.
   */
  @Nullable String format(long amount) {
    for (int i = 0; i < largestFirst.size(); i++) {
      Unit unit = largestFirst.get(i);
      boolean smallest = i == largestFirst.size() - 1;
      if (amount < unit.factor() && !smallest) {
        continue;
      }
      long whole = amount / unit.factor();
      long rest = amount % unit.factor();
      // rest is below the factor (at most 2^43 for TiB/s), so rest * 100 cannot overflow.
      if (rest * HUNDREDTHS % unit.factor() == 0) {
        BigDecimal fraction = BigDecimal.valueOf(rest * HUNDREDTHS / unit.factor(), DECIMALS);
        BigDecimal value = BigDecimal.valueOf(whole).add(fraction).stripTrailingZeros();
        return value.toPlainString() + unit.symbol();
      }
    }
    return null;
  }
}
