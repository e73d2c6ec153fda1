package rack.status;

import java.io.IOException;
import java.util.List;
import okhttp3.OkHttpClient;
import rack.model.HostSnapshot.ServiceState;
import rack.model.HostSnapshot.ServiceStatus;

/**
 * A plain health URL: one service, named by its URL, UP on 2xx and DOWN otherwise, with the
 * measured response time. A URL that cannot be reached is the service being DOWN, not a broken
 * status page.
 */
public final class HealthUrlClient {
  private final OkHttpClient http;

  public HealthUrlClient(OkHttpClient http) {
    this.http = http;
  }

  public StatusPageResult fetch(String url) {
    try {
      HttpFetch.Fetched response = HttpFetch.get(http, url);
      ServiceState state = response.successful() ? ServiceState.UP : ServiceState.DOWN;
      String detail = response.successful() ? null : "HTTP " + response.code();
      return StatusPageResult.of(List.of(new ServiceStatus(url, state, response.millis(), detail)));
    } catch (IllegalArgumentException e) {
      return StatusPageResult.failed("health url: not a URL: " + url);
    } catch (IOException e) {
      return StatusPageResult.of(List.of(new ServiceStatus(url, ServiceState.DOWN, null, e.toString())));
    }
  }
}
