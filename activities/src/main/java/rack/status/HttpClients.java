package rack.status;

import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * The one OkHttp client a process shares (DESIGN C3): one connection pool and dispatcher, every
 * call bounded in time. Callers that need different behaviour derive from it with
 * {@code shared().newBuilder()}, which keeps the pool.
 */
public final class HttpClients {
  private static final OkHttpClient SHARED = new OkHttpClient.Builder()
      .connectTimeout(Duration.ofSeconds(5))
      .readTimeout(Duration.ofSeconds(10))
      .writeTimeout(Duration.ofSeconds(10))
      .callTimeout(Duration.ofSeconds(20))
      .build();

  private HttpClients() {}

  public static OkHttpClient shared() {
    return SHARED;
  }
}
