package rack.probe;

import io.temporal.failure.ApplicationFailure;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import rack.config.HostConfig;
import rack.config.RackConfig;
import rack.model.HostSnapshot;
import rack.shell.Shell;
import rack.shell.ShellException;
import rack.shell.ShellFactory;
import rack.status.DozzleCheck;
import rack.status.StatusPageResult;
import rack.status.StatusPages;

/**
 * The HostProbe activity: one connection and one exec channel per check ({@link CheckScript}), the
 * status page and the dashboard over HTTP at the same time.
 *
 * <p>Unreachable means unreachable: the TCP connect, key exchange, host key or authentication
 * failed, and failed again on one retry {@link #RETRY_PAUSE} later (sshd's {@code MaxStartups} drops
 * a share of unauthenticated connections under load: one refused start is not an outage). That is a
 * fact in the snapshot, and so is a rejected host key (never retried: it is a security finding). A
 * connection that opens but then breaks, or whose server refuses every session, is not a finding:
 * after the retry it fails the activity (retryable), and only an unknown host name fails for good.
 */
public final class HostProbeImpl implements HostProbe {
  /** HTTP for the status page and dashboard of a few hosts checked at once. */
  private static final int THREADS = 16;
  /** Long enough for sshd to have let go of the refused start, short against the check interval. */
  static final Duration RETRY_PAUSE = Duration.ofMillis(500);
  public static final String CHECK_FAILED = "HostCheckFailed";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final RackConfig config;
  private final ShellFactory shells;
  private final StatusPages statusPages;
  private final DozzleCheck dozzle;
  private final ExecutorService threads = daemonPool();
  /**
   * When each host was last checked by this worker (monotonic nanos), so container logs are read
   * from there. Worker memory, not workflow state: after a restart, or on another worker, the
   * window is the host's interval, which only re-reads lines an earlier check already counted.
   */
  private final Map<String, Long> lastCheckNanos = new ConcurrentHashMap<>();
  private final OwnKey ownKey = new OwnKey();

  public HostProbeImpl(RackConfig config, ShellFactory shells, OkHttpClient http) {
    this.config = config;
    this.shells = shells;
    this.statusPages = new StatusPages(http);
    this.dozzle = new DozzleCheck(http);
  }

  @Override
  public HostSnapshot collect(String hostName) {
    HostConfig host = config.host(hostName).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
        "host '" + hostName + "' is not in the configuration", "UnknownHost"));
    Instant at = Instant.now();
    CompletableFuture<StatusPageResult> page = host.statusPage() == null
        ? CompletableFuture.completedFuture(null)
        : CompletableFuture.supplyAsync(() -> statusPages.read(host.statusPage()), threads);
    CompletableFuture<Boolean> dashboard = host.dozzleUrl() == null
        ? CompletableFuture.completedFuture(null)
        : CompletableFuture.supplyAsync(() -> dozzle.reachable(host.dozzleUrl()), threads);
    HostSnapshot snapshot = ownKey.leaveOut(overSsh(host, at), host);
    return withHttp(snapshot, page.join(), dashboard.join());
  }

  private HostSnapshot overSsh(HostConfig host, Instant at) {
    long now = System.nanoTime();
    Long previous = lastCheckNanos.put(host.name(), now);
    long window = previous == null ? host.interval().toSeconds()
        : Math.min(host.interval().toSeconds(), (now - previous) / 1_000_000_000L + 1);
    boolean firstCheck = previous == null;
    Attempt first = attempt(host, at, window, firstCheck);
    if (first.snapshot() != null) return first.snapshot();
    if (first.openFailure() != null && first.openFailure().hostKeyRejected()) {
      return HostSnapshot.unreachable(host.name(), at, true, first.openFailure().getMessage());
    }
    pause();
    Attempt second = attempt(host, at, window, firstCheck);
    if (second.snapshot() != null) return second.snapshot();
    if (second.openFailure() != null) {
      ShellException e = second.openFailure();
      return HostSnapshot.unreachable(host.name(), at, e.hostKeyRejected(), e.getMessage() + " (and again on a retry)");
    }
    throw ApplicationFailure.newFailureWithCause(host.name() + ": host check did not complete (tried twice): "
        + second.runFailure().getMessage(), CHECK_FAILED, second.runFailure());
  }

  /** One try: a snapshot, or why the connection could not be opened, or why the check broke off. */
  private record Attempt(HostSnapshot snapshot, ShellException openFailure, ShellException runFailure) {}

  /**
   * @param logWindowSeconds how far back container logs are read (see {@link #lastCheckNanos})
   * @param firstCheck this worker has not checked the host before (container CPU read twice)
   */
  private Attempt attempt(HostConfig host, Instant at, long logWindowSeconds, boolean firstCheck) {
    Shell shell;
    try {
      shell = shells.open(host);
    } catch (ShellException e) {
      return new Attempt(null, e, null);
    }
    try (shell) {
      return new Attempt(new HostScan(shell, nonce(), logWindowSeconds, firstCheck).scan(at), null, null);
    } catch (ShellException e) {
      return new Attempt(null, null, e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(RETRY_PAUSE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted before retrying the host check", CHECK_FAILED);
    }
  }

  private static HostSnapshot withHttp(HostSnapshot s, StatusPageResult page, Boolean dashboardReachable) {
    List<HostSnapshot.ServiceStatus> services = page == null ? List.of() : page.services();
    String pageError = page == null ? null : page.error();
    return new HostSnapshot(s.host(), s.takenAt(), s.reachable(), s.hostKeyRejected(), s.problem(),
        s.dockerAvailable(), s.systemdAvailable(), s.containers(), s.disks(), s.memory(), s.load(), s.cpu(),
        s.processes(), s.cronEntries(), s.systemdUnits(), s.ldPreload(), s.authorizedKeys(), s.sockets(),
        services, pageError, dashboardReachable, s.notes(), s.containerCpu(), s.containerLogs());
  }

  /** Marks file boundaries in listings; unpredictable so a file cannot forge one. */
  private static String nonce() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static ExecutorService daemonPool() {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(THREADS, runnable -> {
      Thread thread = new Thread(runnable, "host-probe-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }
}
