package dev.nestbed.scenario.parse;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" for keys, keywords and names: the closest known word, if any is close. */
final class Suggest {
  private static final int MAX_DISTANCE = 2;

  private Suggest() {}

  /**
   * The known word nearest to {@code written}: within two edits (one for words of up to three
   * characters), or one being a prefix of the other (at least two characters). None when two words
   * are equally close.
   */
  static Optional<String> closest(String written, Collection<String> known) {
    String best = null;
    int bestScore = Integer.MAX_VALUE;
    boolean tied = false;
    // Short words are all within two edits of each other; 'n9' is not a typo of 'h2'.
    int allowed = written.length() <= 3 ? 1 : MAX_DISTANCE;
    for (String candidate : known) {
      int score = distance(written, candidate);
      if (score > allowed && isPrefix(written, candidate)) {
        score = allowed;
      }
      if (score <= allowed && !candidate.equals(written)) {
        if (score < bestScore) {
          best = candidate;
          bestScore = score;
          tied = false;
        } else if (score == bestScore) {
          tied = true;
        }
      }
    }
    // 'n9' is as close to n1 as to n2: guessing one would mislead, listing them does not.
    return tied ? Optional.empty() : Optional.ofNullable(best);
  }

  /**
   * A hint for an unknown word: {@code did you mean 'x'?}, else the known words, e.g. {@code
   * declared pools: big, other}, or {@code none are declared}.
   */
  static String hint(String written, Collection<String> known, String knownWhat) {
    return closest(written, known)
        .map(s -> "did you mean '" + s + "'?")
        .orElse(
            known.isEmpty() ? "none are declared" : knownWhat + ": " + String.join(", ", known));
  }

  private static boolean isPrefix(String a, String b) {
    String shorter = a.length() <= b.length() ? a : b;
    String longer = a.length() <= b.length() ? b : a;
    return shorter.length() >= 2 && longer.startsWith(shorter);
  }

  /** Edit distance where swapping two neighbours counts as one edit, as in 'nmae' for 'name'. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
