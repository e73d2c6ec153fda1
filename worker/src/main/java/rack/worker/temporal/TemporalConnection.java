package rack.worker.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import rack.config.TemporalSettings;

/**
 * A connection to a Temporal service. The standard environment variables win over the config file,
 * as with the {@code temporal} CLI: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY,
 * TEMPORAL_TLS, TEMPORAL_TLS_CLIENT_CERT_PATH, TEMPORAL_TLS_CLIENT_KEY_PATH.
 */
public final class TemporalConnection implements AutoCloseable {
  private final WorkflowServiceStubs service;
  private final WorkflowClient client;
  private final String address;
  private final String namespace;
  private final String serverVersion;

  private TemporalConnection(WorkflowServiceStubs service, String address, String namespace, String serverVersion) {
    this.service = service;
    this.address = address;
    this.namespace = namespace;
    this.serverVersion = serverVersion;
    this.client = WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
  }

  /**
   * Connects and checks the service answers, so a wrong address fails here with one clear line
   * instead of later inside a worker thread.
   */
  public static TemporalConnection connect(TemporalSettings settings, Map<String, String> env) throws TemporalUnavailableException {
    return connect(settings, env, null);
  }

  /** As above, reporting the SDK's metrics into {@code metricsScope} (the worker's /metrics) when given. */
  public static TemporalConnection connect(TemporalSettings settings, Map<String, String> env, com.uber.m3.tally.Scope metricsScope)
      throws TemporalUnavailableException {
    String address = env.getOrDefault("TEMPORAL_ADDRESS", settings.address());
    String namespace = env.getOrDefault("TEMPORAL_NAMESPACE", settings.namespace());
    WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder().setTarget(address);
    if (metricsScope != null) options.setMetricsScope(metricsScope);
    String apiKey = env.get("TEMPORAL_API_KEY");
    boolean tls = "true".equalsIgnoreCase(env.get("TEMPORAL_TLS")) || apiKey != null || env.get("TEMPORAL_TLS_CLIENT_CERT_PATH") != null;
    try {
      if (tls) options.setSslContext(sslContext(env));
    } catch (IOException e) {
      throw new TemporalUnavailableException("cannot read the TLS client certificate or key: " + e.getMessage());
    }
    if (apiKey != null && !apiKey.isBlank()) {
      options.addApiKey(() -> apiKey);
    }
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(options.build());
    String serverVersion;
    try {
      service.healthCheck();
      serverVersion = service.blockingStub().withDeadlineAfter(5, java.util.concurrent.TimeUnit.SECONDS)
          .getSystemInfo(io.temporal.api.workflowservice.v1.GetSystemInfoRequest.getDefaultInstance())
          .getServerVersion();
    } catch (RuntimeException e) {
      service.shutdownNow();
      throw new TemporalUnavailableException("Temporal is not reachable at " + address + " (" + shortReason(e)
          + "). Start it with ./rack dev, docker compose up, or set TEMPORAL_ADDRESS.");
    }
    return new TemporalConnection(service, address, namespace, serverVersion);
  }

  private static io.grpc.netty.shaded.io.netty.handler.ssl.SslContext sslContext(Map<String, String> env) throws IOException {
    String cert = env.get("TEMPORAL_TLS_CLIENT_CERT_PATH");
    String key = env.get("TEMPORAL_TLS_CLIENT_KEY_PATH");
    if (cert == null || key == null) {
      return SimpleSslContextBuilder.noKeyOrCertChain().build();
    }
    try (InputStream c = new FileInputStream(cert); InputStream k = new FileInputStream(key)) {
      return SimpleSslContextBuilder.forPKCS8(c, k).build();
    }
  }

  private static String shortReason(RuntimeException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  public WorkflowServiceStubs service() {
    return service;
  }

  public WorkflowClient client() {
    return client;
  }

  public String address() {
    return address;
  }

  public String namespace() {
    return namespace;
  }

  /**
   * Whether this is the embedded server of {@code ./rack dev} (the SDK's test server, which reports
   * no server version). It never moves a workflow task off the sticky queue of a worker that died,
   * so a worker connected to it must not use sticky queues, or its loops would wait for the dead
   * process forever. A real server moves such tasks after a few seconds.
   */
  public boolean isEmbeddedDevServer() {
    return serverVersion.isEmpty();
  }

  @Override
  public void close() {
    service.shutdown();
    service.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** Timeout for one-off CLI calls. */
  public static final Duration RPC_TIMEOUT = Duration.ofSeconds(10);
}
