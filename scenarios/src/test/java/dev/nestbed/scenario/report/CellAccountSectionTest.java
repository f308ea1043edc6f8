package dev.nestbed.scenario.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.scenario.record.CellFree;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellAccountSectionTest {
  @Test
  void aCellOfAPoolNotRecordedAfterAStepKeepsItsFiguresAndOneGoneFromARecordedPoolLeftIt() {
    List<CellFree> account =
        List.of(
            new CellFree("", "a", "n1", 2, 2, 1024, 1024),
            new CellFree("", "a", "n2", 2, 2, 1024, 1024),
            new CellFree("", "b", "n3", 2, 2, 1024, 1024),
            // step 0 touched pool b only
            new CellFree("0", "b", "n3", 1, 2, 768, 1024),
            // step 1 touched pool a, from which n2 had left
            new CellFree("1", "a", "n1", 1, 2, 768, 1024));

    String html = CellAccountSection.render(account, List.of());

    List<String> rows = html.lines().filter(l -> l.startsWith("<tr>")).toList();
    assertEquals(3, rows.size(), html);
    assertTrue(
        rows.get(1).contains("2 of 2 CPUs, 1024 of 1024 MiB</td><td class=\"num\">2 of 2 CPUs"),
        rows.get(1));
    assertTrue(rows.get(2).contains("not in the pool"), rows.get(2));
    assertTrue(rows.get(2).endsWith("1 of 2 CPUs, 768 of 1024 MiB</td></tr>"), rows.get(2));
  }

  @Test
  void moreCellsThanATableCanShowAreLeftToResultsJson() {
    List<CellFree> account = new ArrayList<>();
    for (int i = 0; i <= CellAccountSection.MAX_COLUMNS; i++) {
      account.add(new CellFree("", "a", "n" + i, 2, 2, 1024, 1024));
    }

    String html = CellAccountSection.render(account, List.of());

    assertTrue(
        html.contains(
            (CellAccountSection.MAX_COLUMNS + 1)
                + " cells after 1 moment are more than a table can show"),
        html);
  }
}
