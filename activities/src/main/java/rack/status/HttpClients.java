package rack.status;

import java.time.Duration;
import okhttp3.OkHttpClient;

/** The one OkHttp client a worker shares (DESIGN C3): every call bounded in time. */
public final class HttpClients {
  private HttpClients() {}

  public static OkHttpClient statusPageClient() {
    return new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(10))
        .writeTimeout(Duration.ofSeconds(10))
        .callTimeout(Duration.ofSeconds(20))
        .build();
  }
}
