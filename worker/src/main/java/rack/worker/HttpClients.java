package rack.worker;

import java.time.Duration;
import okhttp3.OkHttpClient;

/** One OkHttp client for the whole process (connection pool and threads shared), with bounded timeouts. */
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
