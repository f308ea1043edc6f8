package dev.nestbed.scenario.run;

import dev.nestbed.partitioner.agent.Heartbeat;
import dev.nestbed.partitioner.agent.HeartbeatLog;
import dev.nestbed.scenario.record.TimeSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns heartbeat logs into plottable series: the gap before each beat, on the host clock, kept as
 * the largest gap per 250 ms bucket (a beat every 10 ms is too many points, and the largest gap is
 * what matters).
 */
final class SeriesBuilder {
  private static final long BUCKET_MS = 250;

  private SeriesBuilder() {}

  static TimeSeries heartbeatGaps(String partition, HeartbeatLog log, RunClock clock) {
    List<TimeSeries.Point> points = new ArrayList<>();
    List<Heartbeat> beats = log.snapshot();
    long bucket = -1;
    double bucketMax = 0;
    for (int i = 1; i < beats.size(); i++) {
      long atMs = clock.toMs(beats.get(i).hostNanos());
      double gapMs = (beats.get(i).hostNanos() - beats.get(i - 1).hostNanos()) / 1e6;
      long b = atMs / BUCKET_MS;
      if (b != bucket && bucket >= 0) {
        points.add(new TimeSeries.Point(bucket * BUCKET_MS, round(bucketMax)));
        bucketMax = 0;
      }
      bucket = b;
      bucketMax = Math.max(bucketMax, gapMs);
    }
    if (bucket >= 0) {
      points.add(new TimeSeries.Point(bucket * BUCKET_MS, round(bucketMax)));
    }
    return new TimeSeries("heartbeat-gap", partition, "ms", points);
  }

  private static double round(double ms) {
    return Math.round(ms * 10) / 10.0;
  }
}
