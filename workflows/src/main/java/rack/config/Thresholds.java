package rack.config;

/**
 * The anomaly thresholds of DESIGN A2, each with its seed default. A value is breached when the
 * measurement is strictly above it.
 *
 * @param hostCpuPercent host CPU above this...
 * @param hostCpuSustainedChecks ...for more than this many consecutive checks
 * @param containerMemoryPercent memory of any container above this
 * @param diskPercent any filesystem above this
 * @param diskGrowthPoints growth in percentage points between two checks above this
 * @param restartsPerHour a container restarted more than this many times in the last hour
 * @param responseTimeFactor response time above this multiple of the learned baseline
 * @param responseTimeFloorMs responses faster than this are never "slow" (noise on tiny baselines)
 * @param baselineMinSamples healthy checks needed before a response-time baseline is trusted
 * @param unknownProcessCpuPercent an unknown process above this CPU share is suspicious...
 * @param unknownProcessSustainedChecks ...when seen on this many consecutive checks
 * @param containerCpuPercent a container's CPU (% of one core, as docker stats shows it) above this...
 * @param containerCpuSustainedChecks ...for more than this many consecutive checks
 * @param errorLogFloor a container's error-level log lines since the previous check above this...
 * @param errorLogFactor ...and above this multiple of the container's own usual count
 * @param fillHorizonHours a disk (or host memory) that will reach 100 % within this many hours at
 *     its current rate is a finding before any threshold is crossed
 */
public record Thresholds(
    double hostCpuPercent,
    int hostCpuSustainedChecks,
    double containerMemoryPercent,
    double diskPercent,
    double diskGrowthPoints,
    int restartsPerHour,
    double responseTimeFactor,
    long responseTimeFloorMs,
    int baselineMinSamples,
    double unknownProcessCpuPercent,
    int unknownProcessSustainedChecks,
    double containerCpuPercent,
    int containerCpuSustainedChecks,
    long errorLogFloor,
    double errorLogFactor,
    double fillHorizonHours) {

  public static Thresholds defaults() {
    return new Thresholds(80.0, 2, 85.0, 80.0, 5.0, 3, 2.0, 100, 3, 50.0, 2, 80.0, 2, 100, 10.0, 24.0);
  }

  /** The seed's thresholds with the defaults for container CPU, error logs and fill trends. */
  public Thresholds(double hostCpuPercent, int hostCpuSustainedChecks, double containerMemoryPercent, double diskPercent,
      double diskGrowthPoints, int restartsPerHour, double responseTimeFactor, long responseTimeFloorMs,
      int baselineMinSamples, double unknownProcessCpuPercent, int unknownProcessSustainedChecks) {
    this(hostCpuPercent, hostCpuSustainedChecks, containerMemoryPercent, diskPercent, diskGrowthPoints, restartsPerHour,
        responseTimeFactor, responseTimeFloorMs, baselineMinSamples, unknownProcessCpuPercent,
        unknownProcessSustainedChecks, 80.0, 2, 100, 10.0, 24.0);
  }
}
