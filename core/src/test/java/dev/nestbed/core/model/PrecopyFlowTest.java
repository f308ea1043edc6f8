package dev.nestbed.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.model.SharedLinks.Stepped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrecopyFlowTest {
  private static final long MIB = 1L << 20;
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final MigrationCalibration FIXED =
      new MigrationCalibration(
          Duration.ofMillis(500),
          Duration.ofMillis(80),
          0,
          new Provenance("test", "", "round figures", ""));

  private static MigrationInputs inputs(long memoryMib, long workingSetMib, double dirtyMibS) {
    return new MigrationInputs(
        memoryMib * MIB, workingSetMib * MIB, dirtyMibS * MIB, 100.0 * MIB, Duration.ofMillis(300));
  }

  /** The flow alone on a link of the inputs' bandwidth, stepped to its end. */
  private static MigrationPrediction alone(MigrationInputs in) {
    return alone(in, new PrecopyFlow(in, FIXED));
  }

  private static MigrationPrediction alone(MigrationInputs in, PrecopyFlow flow) {
    double[] ended =
        SharedLinks.step(
            List.of(new Stepped(Set.of("l"), INF, flow)),
            Map.of("l", in.bandwidthBytesPerSecond()));
    MigrationPrediction p = flow.result();
    assertEquals(p.converges() ? p.total().toNanos() / 1e9 : INF, ended[0], 1e-6);
    return p;
  }

  private static void assertSame(MigrationPrediction expected, MigrationPrediction actual) {
    assertEquals(expected.converges(), actual.converges(), "converges");
    assertEquals(expected.rounds(), actual.rounds(), "rounds");
    near(expected.total().toNanos(), actual.total().toNanos(), 1_000, "total");
    near(expected.downtime().toNanos(), actual.downtime().toNanos(), 1_000, "downtime");
    near(expected.bytesSent(), actual.bytesSent(), 1, "bytes sent");
    assertEquals(expected.passes().size(), actual.passes().size(), "passes");
    for (int i = 0; i < expected.passes().size(); i++) {
      near(expected.passes().get(i).bytes(), actual.passes().get(i).bytes(), 1, "pass");
      near(
          expected.passes().get(i).start().toNanos(),
          actual.passes().get(i).start().toNanos(),
          1_000,
          "pass start");
    }
  }

  private static void near(long expected, long actual, long tolerance, String what) {
    assertTrue(
        Math.abs(expected - actual) <= tolerance,
        what + ": expected " + expected + ", got " + actual);
  }

  @Test
  void aloneAtAConstantRateItGivesExactlyWhatPredictGives() {
    for (MigrationInputs in :
        List.of(
            inputs(256, 32, 0), // idle: one pass, then a paused empty one
            inputs(256, 64, 20), // shrinking passes
            inputs(256, 200, 90), // slowly shrinking, many passes
            inputs(20, 20, 50), // fits in the downtime from the start: paused at once
            inputs(256, 64, 150))) { // levels off above what fits: never converges
      assertSame(PrecopyModel.predict(in, FIXED), alone(in));
    }
  }

  @Test
  void autoConvergeAndPostcopyAloneAtAConstantRateGiveExactlyWhatTheirModelsGive() {
    for (MigrationInputs in :
        List.of(
            inputs(256, 32, 0),
            inputs(256, 64, 20),
            inputs(256, 200, 90),
            inputs(20, 20, 50),
            inputs(256, 64, 150), // pre-copy never converges: the throttle makes it
            inputs(256, 256, 10_000))) { // not even a 99 % throttle helps
      assertSame(
          AutoConvergeModel.predict(in, FIXED).migration(),
          alone(in, PrecopyFlow.autoConverge(in, FIXED)));
      for (int precopyPasses : new int[] {1, 2, 5}) {
        assertSame(
            PostcopyModel.predict(in, precopyPasses, FIXED),
            alone(in, PrecopyFlow.postcopy(in, precopyPasses, FIXED)));
      }
    }
    assertTrue(
        AutoConvergeModel.predict(inputs(256, 64, 150), FIXED).migration().converges(),
        "the case the throttle decides is in the list");
    assertFalse(
        AutoConvergeModel.predict(inputs(256, 256, 10_000), FIXED).migration().converges(),
        "and one it cannot save");
  }

  @Test
  void itNeverEndsAtARateBelowTheDirtyRateWhenTheWorkingSetDoesNotFitTheDowntime() {
    MigrationPrediction p = alone(inputs(256, 64, 150));
    assertFalse(p.converges());
  }

  @Test
  void aStalledFlowConvergesOnceAnotherFlowEndsAndLeavesItTheWholeLink() {
    // 100 MiB/s shared: 50 each. The busy one dirties 60 MiB/s of a 64 MiB working set, more than
    // its half drains, so it levels off after its second pass (about 6.9 s); the idle one sends
    // 500 MiB and ends at about 10.6 s; then the busy one has the whole link, dirties less than it
    // drains, and converges.
    MigrationInputs busyIn = inputs(256, 64, 60);
    PrecopyFlow busy = new PrecopyFlow(busyIn, FIXED);
    PrecopyFlow idle = new PrecopyFlow(inputs(500, 8, 0), FIXED);
    double[] ended =
        SharedLinks.step(
            List.of(new Stepped(Set.of("l"), INF, busy), new Stepped(Set.of("l"), INF, idle)),
            Map.of("l", 100.0 * MIB));
    assertFalse(
        PrecopyModel.predict(
                new MigrationInputs(
                    256 * MIB, 64 * MIB, 60.0 * MIB, 50.0 * MIB, Duration.ofMillis(300)),
                FIXED)
            .converges(),
        "at half the link it would not converge");
    assertTrue(ended[1] < ended[0], "the idle one ends first: " + ended[0] + " " + ended[1]);
    assertTrue(busy.result().converges());
    // from the idle one's end, at 100 MiB/s: a fresh pass of the 64 MiB dirty (0.64 s), then
    // 60 * 0.64 = 38.4 MiB (0.384 s), then 23.04 MiB, which fits in 300 ms: paused, and the
    // switch-over
    assertEquals(ended[1] + 0.64 + 0.384 + 0.2304 + 0.08, ended[0], 1e-6);
    assertEquals(ended[0], busy.result().total().toNanos() / 1e9, 1e-6);
    // it sent more than at the whole link from the start: the passes while it was held back
    assertTrue(busy.result().bytesSent() > PrecopyModel.predict(busyIn, FIXED).bytesSent());
  }

  @Test
  void twoEqualFlowsOnDisjointLinksEachGoAsIfAlone() {
    MigrationInputs in = inputs(256, 64, 20);
    PrecopyFlow a = new PrecopyFlow(in, FIXED);
    PrecopyFlow b = new PrecopyFlow(in, FIXED);
    SharedLinks.step(
        List.of(new Stepped(Set.of("x"), INF, a), new Stepped(Set.of("y"), INF, b)),
        Map.of("x", 100.0 * MIB, "y", 100.0 * MIB));
    assertSame(PrecopyModel.predict(in, FIXED), a.result());
    assertSame(PrecopyModel.predict(in, FIXED), b.result());
  }
}
