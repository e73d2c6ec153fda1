package rack.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import rack.loop.LoopLauncher;
import rack.model.Finding;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.CpuCounters;
import rack.model.HostSnapshot.DiskUsage;
import rack.probe.HostProbe;

/**
 * A scripted host for workflow tests: check number n (0-based) returns {@code script.apply(n)}.
 * Activity instances are rebuilt for a "new worker", so the call counter lives here, not in them.
 */
final class FakeHost {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  final AtomicInteger checks = new AtomicInteger();
  final List<Finding> launched = new CopyOnWriteArrayList<>();
  private final IntFunction<HostSnapshot> script;

  FakeHost(IntFunction<HostSnapshot> script) {
    this.script = script;
  }

  /** When set, a check counts itself and then waits for this latch: a check in flight. */
  volatile CountDownLatch hold;

  HostProbe probe() {
    return host -> {
      int n = checks.getAndIncrement();
      CountDownLatch latch = hold;
      if (latch != null) {
        try {
          latch.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return script.apply(n);
    };
  }

  LoopLauncher launcher() {
    return request -> {
      Finding finding = request.finding();
      launched.add(finding);
      String loopId = request.openLoopId() != null ? request.openLoopId() : finding.fingerprint();
      return new LoopLauncher.Launch(loopId, launched.stream().filter(f -> f.fingerprint().equals(finding.fingerprint())).count() == 1);
    };
  }

  static HostSnapshot snapshot(int n, CpuCounters cpu, List<DiskUsage> disks) {
    return new HostSnapshot("staging", T0.plus(Duration.ofHours(n)), true, false, null, true, true, List.of(), disks, null,
        null, cpu, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null, null, List.of());
  }

  static HostSnapshot healthy(int n) {
    return snapshot(n, null, List.of(new DiskUsage("/dev/sda1", "/", 100, 30, 70)));
  }

  static HostSnapshot diskFull(int n) {
    return snapshot(n, null, List.of(new DiskUsage("/dev/loop0", "/srv/data", 100, 91, 9)));
  }

  /** {@link #busyCpu} because a miner runs on every core (from /tmp, talking to a pool). */
  static HostSnapshot minerOnEveryCore(int n) {
    HostSnapshot.ProcessInfo miner = new HostSnapshot.ProcessInfo(4242, 1, "www-data", 190.0, 1.5, 600 + 3600L * n, "R", "kworkerds",
        "/tmp/.x/kworkerds -o stratum+tcp://pool.example:3333 -u wallet", "/tmp/.x/kworkerds");
    return new HostSnapshot("staging", T0.plus(Duration.ofHours(n)), true, false, null, true, true, List.of(), List.of(), null,
        null, new CpuCounters(900L * n, 1000L * n), List.of(miner), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        null, null, List.of());
  }

  /** 90 % busy between any two checks: the first check has nothing to compare, the 4th breaches "more than 2". */
  static HostSnapshot busyCpu(int n) {
    return snapshot(n, new CpuCounters(900L * n, 1000L * n), List.of());
  }
}
