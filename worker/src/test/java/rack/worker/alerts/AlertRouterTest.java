package rack.worker.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import rack.config.AlertSettings.Route;

class AlertRouterTest {
  private final AlertRouter router = new AlertRouter(List.of("staging", "prod"),
      List.of(new Route("staging", List.of("shop", "*.staging.example.com")), new Route("prod", List.of("Prod*"))));

  private static ReceivedAlert named(String... names) {
    return new ReceivedAlert(AlertSource.GATUS, "api", true, List.of(names), null, null);
  }

  @Test
  void firstMatchingRouteWins() {
    assertEquals(Optional.of("staging"), router.hostFor(named("SHOP", "api"), null));
    assertEquals(Optional.of("staging"), router.hostFor(named("api", "db.staging.example.com"), null));
    assertEquals(Optional.of("prod"), router.hostFor(named("production"), null));
  }

  @Test
  void aNameThatIsAHostNeedsNoRoute() {
    assertEquals(Optional.of("prod"), router.hostFor(named("api", "PROD"), null));
  }

  @Test
  void theSenderMayNameTheHostButOnlyAConfiguredOne() {
    assertEquals(Optional.of("prod"), router.hostFor(named("shop"), "prod"));
    assertEquals(Optional.empty(), router.hostFor(named("shop"), "elsewhere"));
  }

  @Test
  void unknownNamesMatchNothing() {
    assertEquals(Optional.empty(), router.hostFor(named("api", "staging.other.org"), null));
  }

  @Test
  void globsQuoteEverythingButTheStar() {
    assertEquals(true, AlertRouter.glob("a.b*").matcher("a.bcd").matches());
    assertEquals(false, AlertRouter.glob("a.b*").matcher("axbcd").matches());
    assertEquals(true, AlertRouter.glob("*api*").matcher("shop-api-1").matches());
  }
}
