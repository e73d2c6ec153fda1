package rack.model;

/**
 * What a check can find (DESIGN A2). Each kind belongs to one loop: service and resource problems
 * start the incident-response loop, signs of compromise start the anomaly follow-up loop.
 */
public enum FindingKind {
  // Incident-response loop (A3)
  SERVICE_DOWN(LoopKind.INCIDENT),
  SERVICE_DEGRADED(LoopKind.INCIDENT),
  SLOW_RESPONSE(LoopKind.INCIDENT),
  CONTAINER_DOWN(LoopKind.INCIDENT),
  CONTAINER_RESTARTING(LoopKind.INCIDENT),
  CONTAINER_OOM(LoopKind.INCIDENT),
  CONTAINER_MEMORY(LoopKind.INCIDENT),
  CONTAINER_CPU(LoopKind.INCIDENT),
  ERROR_LOG_BURST(LoopKind.INCIDENT),
  HOST_CPU(LoopKind.INCIDENT),
  DISK_FULL(LoopKind.INCIDENT),
  DISK_GROWTH(LoopKind.INCIDENT),
  /** Trend: at the current rate the disk is full within the horizon. */
  DISK_FILLING(LoopKind.INCIDENT),
  /** Trend: at the current rate host memory is exhausted within the horizon. */
  MEMORY_FILLING(LoopKind.INCIDENT),
  /** Trend: a service's healthy response times climb steadily. */
  RESPONSE_DEGRADING(LoopKind.INCIDENT),
  HOST_UNREACHABLE(LoopKind.INCIDENT),
  STATUS_PAGE_UNREACHABLE(LoopKind.INCIDENT),
  DASHBOARD_UNREACHABLE(LoopKind.INCIDENT),
  /** Started by hand: {@code ./rack loop start incident --summary ...}. */
  MANUAL_INCIDENT(LoopKind.INCIDENT),
  // Infrastructure-anomaly follow-up loop (A4)
  HOST_KEY_CHANGED(LoopKind.ANOMALY),
  MINER_PROCESS(LoopKind.ANOMALY),
  SUSPICIOUS_PROCESS(LoopKind.ANOMALY),
  UNKNOWN_CPU_PROCESS(LoopKind.ANOMALY),
  CRON_ADDED(LoopKind.ANOMALY),
  SYSTEMD_UNIT_ADDED(LoopKind.ANOMALY),
  LD_PRELOAD(LoopKind.ANOMALY),
  AUTHORIZED_KEY_ADDED(LoopKind.ANOMALY),
  /** Started by hand: {@code ./rack loop start anomaly --summary ...}. */
  MANUAL_ANOMALY(LoopKind.ANOMALY);

  private final LoopKind loop;

  FindingKind(LoopKind loop) {
    this.loop = loop;
  }

  public LoopKind loop() {
    return loop;
  }

  /** Lower-case, dash-separated name used in fingerprints and output ("service-down"). */
  public String slug() {
    return name().toLowerCase().replace('_', '-');
  }
}
