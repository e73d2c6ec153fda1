package rack.status;

import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Is the Dozzle dashboard up? GET of its base URL; 2xx or 3xx (a login redirect) counts as
 * reachable. Dozzle has no stats REST endpoint (DESIGN C6); container numbers come from the host.
 */
public final class DozzleCheck {
  private final OkHttpClient http;

  public DozzleCheck(OkHttpClient http) {
    // Redirects are an answer here, not something to follow.
    this.http = http.newBuilder().followRedirects(false).followSslRedirects(false).build();
  }

  public boolean reachable(String baseUrl) {
    try (Response response = http.newCall(new Request.Builder().url(baseUrl).get().build()).execute()) {
      return response.code() >= 200 && response.code() < 400;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
