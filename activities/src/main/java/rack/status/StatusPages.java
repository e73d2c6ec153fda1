package rack.status;

import okhttp3.OkHttpClient;
import rack.config.HostConfig.StatusPage;

/** Reads a configured status page of any supported kind. Never throws: failures are in the result. */
public final class StatusPages {
  private final GatusClient gatus;
  private final UptimeKumaClient kuma;
  private final HealthUrlClient health;

  public StatusPages(OkHttpClient http) {
    this.gatus = new GatusClient(http);
    this.kuma = new UptimeKumaClient(http);
    this.health = new HealthUrlClient(http);
  }

  public StatusPageResult read(StatusPage page) {
    if (page.url() == null || page.kind() == null) {
      return StatusPageResult.failed("status page without url or kind");
    }
    try {
      return switch (page.kind()) {
        case GATUS -> gatus.fetch(page.url());
        case UPTIME_KUMA -> kuma.fetch(page.url());
        case HTTP -> health.fetch(page.url());
      };
    } catch (RuntimeException e) {
      return StatusPageResult.failed(page.kind() + " " + page.url() + ": " + e);
    }
  }
}
