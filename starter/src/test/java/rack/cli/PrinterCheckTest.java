package rack.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rack.config.Thresholds;
import rack.detect.Baselines;
import rack.detect.Detector;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.ContainerInfo;
import rack.model.HostSnapshot.ServiceState;
import rack.model.HostSnapshot.ServiceStatus;

/** {@code ./rack check} shows which containers serve each status-page service, and which rule linked them. */
class PrinterCheckTest {
  private static ContainerInfo container(String name, String state, String service) {
    return new ContainerInfo("0123456789ab", name, "img", state, state, 0, false, null, "unless-stopped", null, null, null, null,
        "shop", service);
  }

  private static HostSnapshot snapshot(List<ServiceStatus> services, ContainerInfo... containers) {
    return new HostSnapshot("staging", Instant.parse("2026-01-01T00:00:00Z"), true, false, null, true, true, List.of(containers),
        List.of(), null, null, null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), services, null, null, List.of());
  }

  private static String check(Map<String, List<String>> config, HostSnapshot snapshot) {
    return Printer.check(new CheckCommand.CheckResult(snapshot, new Detector(Thresholds.defaults(), config).evaluate(snapshot, Baselines.empty())));
  }

  @Test
  void eachLinkIsShownWithItsSource() {
    HostSnapshot s = snapshot(List.of(new ServiceStatus("staging/Orders API", ServiceState.DOWN, null, null),
        new ServiceStatus("Storefront", ServiceState.UP, 30L, null)),
        container("shop-orders-1", "exited", "orders"), container("shop-frontend-1", "running", "frontend"));
    String out = check(Map.of("Storefront", List.of("frontend")), s);
    assertTrue(out.contains("link     staging/Orders API -> shop-orders-1 (compose labels: "), out);
    assertTrue(out.contains("link     Storefront -> shop-frontend-1 (config: "), out);
  }

  @Test
  void anUnlinkedFailingServiceSaysWhatWasChecked() {
    HostSnapshot s = snapshot(List.of(new ServiceStatus("Payments", ServiceState.DOWN, null, null)),
        container("shop-web-1", "running", "web"));
    String out = check(Map.of(), s);
    assertTrue(out.contains("link     Payments -> none: no container linked: "), out);
    assertTrue(out.contains("checked: shop-web-1 [compose web]"), out);
  }
}
