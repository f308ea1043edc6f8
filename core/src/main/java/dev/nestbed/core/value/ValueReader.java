package dev.nestbed.core.value;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Splits the text of one value into number-and-unit terms and turns them into a whole count of the
 * base unit. Shared by the value types so that they reject the same mistakes in the same words,
 * each with a hint.
 */
final class ValueReader {
  /** One number with its unit as written, e.g. {@code 1.5} and {@code GiB}. */
  record Term(String number, String unit) {
    BigDecimal amount() {
      return new BigDecimal(number);
    }

    boolean hasFraction() {
      return number.indexOf('.') >= 0;
    }
  }

  // Deliberately narrow: no sign, exponent, grouping or bare ".5", so a typo cannot slip through
  // as a different number.
  private static final Pattern NUMBER = Pattern.compile("[0-9]+(\\.[0-9]+)?");
  private static final BigDecimal LARGEST = BigDecimal.valueOf(Long.MAX_VALUE);

  private final ValueKind kind;
  private final String input;
  private final List<Term> terms;

  /** Reads {@code input} into terms; throws if it is not numbers each followed by a unit. */
  ValueReader(ValueKind kind, String input) {
    this.kind = kind;
    this.input = Objects.requireNonNull(input, "input");
    this.terms = split(input.strip());
  }

  List<Term> terms() {
    return terms;
  }

  /** The only term; sizes and rates are never compound. */
  Term single() {
    if (terms.size() > 1) {
      throw fail("more than one number", "write one number and one unit, e.g. " + kind.example());
    }
    return terms.get(0);
  }

  /**
   * The factor of the term's unit. An unknown unit gets a did-you-mean when it is a known one in
   * the wrong case or a common alias (K for KiB, sec for s); otherwise {@code unknownHint}.
   */
  long factor(Term term, Map<String, Long> units, Map<String, String> aliases, String unknownHint) {
    Long factor = units.get(term.unit());
    if (factor != null) {
      return factor;
    }
    String guess = aliases.get(term.unit());
    if (guess == null) {
      guess = ignoringCase(term.unit(), units.keySet());
    }
    if (guess == null) {
      String alias = ignoringCase(term.unit(), aliases.keySet());
      guess = alias == null ? null : aliases.get(alias);
    }
    String hint = guess == null ? unknownHint : "did you mean " + respell(term, guess) + "?";
    throw fail("unknown unit '" + term.unit() + "'", hint);
  }

  /** The exact total as a long; rejects fractions of the base unit and overflow. */
  long whole(BigDecimal total) {
    BigDecimal exact = total.stripTrailingZeros();
    if (exact.scale() > 0) {
      throw fail("not a whole number of " + kind.baseUnits(), "round it, or use a smaller unit");
    }
    if (exact.compareTo(LARGEST) > 0) {
      throw fail("too large", "the largest " + kind.noun() + " is about " + kind.largest());
    }
    return exact.longValueExact();
  }

  ValueFormatException fail(String problem, String hint) {
    return new ValueFormatException(kind.noun(), input, problem, hint);
  }

  private List<Term> split(String text) {
    if (text.isEmpty()) {
      throw fail("empty", "write a number and a unit, e.g. " + kind.example());
    }
    if (text.startsWith("-")) {
      throw fail("negative " + kind.noun() + "s are not allowed", "remove the '-'");
    }
    List<Term> result = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int start = i;
      // Commas and underscores count as part of the number so that "1,5GiB" and "1_000MiB" are
      // reported as bad numbers rather than as a unit ",5GiB".
      while (i < text.length() && isNumberChar(text.charAt(i))) {
        i++;
      }
      String number = text.substring(start, i);
      if (number.isEmpty()) {
        throw fail("missing number", "write a number and a unit, e.g. " + kind.example());
      }
      if (!NUMBER.matcher(number).matches()) {
        throw fail(
            "'" + number + "' is not a number",
            "write digits with an optional '.' fraction, e.g. 1.5");
      }
      if (i < text.length() && Character.isWhitespace(text.charAt(i))) {
        if (text.charAt(i) != ' ' || Character.isWhitespace(text.charAt(i + 1))) {
          throw fail(
              "unexpected whitespace after '" + number + "'",
              "use at most one space between number and unit");
        }
        i++;
      }
      start = i;
      while (i < text.length()
          && !isNumberChar(text.charAt(i))
          && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (start == i) {
        throw fail("missing unit", kind.missingUnitHint());
      }
      result.add(new Term(number, text.substring(start, i)));
      if (i < text.length() && Character.isWhitespace(text.charAt(i))) {
        throw fail(
            "unexpected space after '" + text.substring(0, i) + "'",
            "write a number and a unit, e.g. " + kind.example());
      }
    }
    return List.copyOf(result);
  }

  @SuppressWarnings("ReferenceEquality") // the very term being replaced, not an equal one
  private String respell(Term replaced, String unit) {
    return terms.stream()
        .map(t -> t.number() + (t == replaced ? unit : t.unit()))
        .collect(Collectors.joining());
  }

  private static @Nullable String ignoringCase(String unit, Iterable<String> candidates) {
    for (String candidate : candidates) {
      if (candidate.equalsIgnoreCase(unit)) {
        return candidate;
      }
    }
    return null;
  }

  // Character.isDigit would accept other scripts' digits, which BigDecimal then misreads.
  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isNumberChar(char c) {
    return isDigit(c) || c == '.' || c == ',' || c == '_';
  }
}
