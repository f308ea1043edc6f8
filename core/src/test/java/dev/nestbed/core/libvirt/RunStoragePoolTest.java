package dev.nestbed.core.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.run.RunId;
import org.junit.jupiter.api.Test;

class RunStoragePoolTest {
  @Test
  void aRunsPoolIsNamedAfterTheRunAndTheNameGivesTheRunBack() {
    RunId run = new RunId("0123abcd");
    assertEquals("nb-0123abcd-files", RunStoragePool.nameOf(run));
    assertTrue(RunStoragePool.isRunPool("nb-0123abcd-files"));
    assertEquals(run, RunStoragePool.runOf("nb-0123abcd-files"));
  }

  @Test
  void noOtherPoolIsEverTakenForARunsPool() {
    for (String name :
        new String[] {
          "default",
          "images",
          "nb-0123abcd-files2",
          "nb-0123abcd-node",
          "nb-0123ABCD-files",
          "xnb-0123abcd-files"
        }) {
      assertFalse(RunStoragePool.isRunPool(name), name);
      assertThrows(IllegalArgumentException.class, () -> RunStoragePool.runOf(name), name);
    }
  }
}
