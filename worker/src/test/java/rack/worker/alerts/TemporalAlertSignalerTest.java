package rack.worker.alerts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.Severity;

class TemporalAlertSignalerTest {
  private static Finding finding(String subject, Map<String, String> facts) {
    return new Finding("staging", FindingKind.SERVICE_DOWN, Severity.CRITICAL, subject, "down", List.of(), facts);
  }

  @Test
  void aResolvedAlertConcernsTheLoopAboutItsService() {
    Finding byService = finding("shop/api", Map.of("service", "shop/api"));
    assertTrue(TemporalAlertSignaler.concerns(byService, "shop/api"));
    assertTrue(TemporalAlertSignaler.concerns(byService, "API"), "group left out, case ignored");
    Finding byContainer = finding("shop-api-1", Map.of("container", "shop-api-1"));
    assertTrue(TemporalAlertSignaler.concerns(byContainer, "api"), "Compose name of the service");
    assertTrue(TemporalAlertSignaler.concerns(byContainer, "shop-api-1"));
  }

  @Test
  void otherServicesDoNotMatch() {
    Finding api = finding("shop-api-1", Map.of("container", "shop-api-1"));
    assertFalse(TemporalAlertSignaler.concerns(api, "web"));
    assertFalse(TemporalAlertSignaler.concerns(api, "ap"));
    assertFalse(TemporalAlertSignaler.concerns(api, null));
    assertFalse(TemporalAlertSignaler.concerns(null, "api"));
  }
}
