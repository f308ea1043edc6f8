package dev.nestbed.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestTest {
  private static final List<String> KEYS =
      List.of(
          "name",
          "pool",
          "vcpus",
          "max-vcpus",
          "memory",
          "max-memory",
          "cells",
          "policy",
          "workload");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      nullValues = "none",
      textBlock =
          """
      nmae,       name
      poll,       pool
      vcpu,       vcpus
      max-cpus,   max-vcpus
      mem,        memory
      memroy,     memory
      cell,       cells
      work,       workload
      colour,     none
      x,          none
      """)
  void suggestsTheClosestKnownWord(String written, String expected) {
    assertEquals(Optional.ofNullable(expected), Suggest.closest(written, KEYS));
  }

  @ParameterizedTest(name = "{0} in [n1, h2] -> {1}")
  @CsvSource(
      nullValues = "none",
      textBlock =
          """
      m1,   n1
      h3,   h2
      h1,   none
      x9,   none
      """)
  void shortNamesNeedToBeOneEditAwayFromExactlyOneName(String written, String expected) {
    assertEquals(Optional.ofNullable(expected), Suggest.closest(written, List.of("n1", "h2")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      bog   | did you mean 'big'?
      far   | declared pools: big, other
      """)
  void hintsListTheKnownWordsWhenNoneIsClose(String written, String hint) {
    assertEquals(hint, Suggest.hint(written, List.of("big", "other"), "declared pools"));
  }
}
