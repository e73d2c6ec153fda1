package rack.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import rack.config.Thresholds;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.HostSnapshot;
import rack.model.HostSnapshot.ContainerInfo;
import rack.model.HostSnapshot.ServiceState;
import rack.model.Severity;

/**
 * The status page names services the way people do, Docker names containers the way Compose does:
 * each linking rule, in order, and what the detector writes into the findings.
 */
class ServiceLinksTest {
  private static ContainerInfo container(String name, String state, String project, String service) {
    return new ContainerInfo("abc123def456", name, "busybox", state, state, 0, false, "exited".equals(state) ? 137 : null,
        "unless-stopped", null, null, null, null, project, service);
  }

  private static ContainerInfo running(String name) {
    return container(name, "running", null, null);
  }

  private static ServiceLink only(List<ServiceLink> links) {
    assertEquals(1, links.size());
    return links.get(0);
  }

  private static ServiceLink link(Map<String, List<String>> config, SnapshotBuilder snapshot, Set<String> broken) {
    return only(new ServiceLinks(config).link(snapshot.build(), broken));
  }

  @Test
  void theConfigMapLinksADisplayNameThroughAnotherKeyToTheContainer() {
    Map<String, List<String>> config = new LinkedHashMap<>();
    config.put("Orders API", List.of("orders"));
    config.put("orders", List.of("shop-orders-1"));
    SnapshotBuilder host = SnapshotBuilder.host().service("Orders API", ServiceState.DOWN, null)
        .container(running("shop-orders-1")).container(running("shop-payments-1"));
    ServiceLink link = link(config, host, Set.of());
    assertEquals(List.of("shop-orders-1"), link.containers());
    assertEquals(ServiceLink.Source.CONFIG, link.source());
  }

  @Test
  void theConfigMapMatchesAServiceWithOrWithoutItsGroupAndComposeServiceNames() {
    SnapshotBuilder host = SnapshotBuilder.host().service("staging/checkout", ServiceState.DOWN, null)
        .container(container("shop-billing-1", "running", "shop", "billing"))
        .container(container("shop-billing-2", "running", "shop", "billing"))
        .container(running("shop-checkout-1"));
    // "checkout" would link by name; the operator says it is served by billing's replicas.
    ServiceLink link = link(Map.of("checkout", List.of("billing")), host, Set.of());
    assertEquals(List.of("shop-billing-1", "shop-billing-2"), link.containers());
    assertEquals(ServiceLink.Source.CONFIG, link.source());
    assertEquals(ServiceLink.Source.CONFIG, link(Map.of("staging/checkout", List.of("shop-checkout-1")), host, Set.of()).source());
  }

  @Test
  void aConfiguredContainerThatDoesNotExistLinksNothingAndSaysSo() {
    SnapshotBuilder host = SnapshotBuilder.host().service("orders", ServiceState.DOWN, null).container(running("shop-orders-1"));
    ServiceLink link = link(Map.of("orders", List.of("legacy-orders")), host, Set.of("shop-orders-1"));
    assertEquals(List.of(), link.containers(), "the operator's word is not second-guessed");
    assertTrue(link.explanation().contains("legacy-orders") && link.explanation().contains("shop-orders-1"), link.explanation());
  }

  @Test
  void composeLabelsLinkTheServiceToItsContainersWhateverTheirNames() {
    SnapshotBuilder host = SnapshotBuilder.host().service("staging/Orders API", ServiceState.DOWN, null)
        .container(container("c1f2e3", "running", "shop", "orders"))
        .container(container("c9a8b7", "running", "shop", "web"));
    ServiceLink link = link(Map.of(), host, Set.of());
    assertEquals(List.of("c1f2e3"), link.containers());
    assertEquals(ServiceLink.Source.COMPOSE_LABELS, link.source());
  }

  @Test
  void nameTokensLinkTheWaysPeopleAndComposeSpellOneName() {
    for (String name : List.of("shop-orders-1", "acme_orders", "orders-api")) {
      SnapshotBuilder host = SnapshotBuilder.host().service("staging/orders", ServiceState.DOWN, null)
          .container(running(name)).container(running("payments"));
      ServiceLink link = link(Map.of(), host, Set.of());
      assertEquals(List.of(name), link.containers(), name);
      assertEquals(ServiceLink.Source.NAME_TOKENS, link.source());
    }
    SnapshotBuilder display = SnapshotBuilder.host().service("Orders API", ServiceState.DOWN, null)
        .container(running("orders")).container(running("web"));
    assertEquals(List.of("orders"), link(Map.of(), display, Set.of()).containers());
  }

  @Test
  void theComposeProjectAndReplicaNumbersAreNotWordsOfTheService() {
    // "shop" is in every name (the project): only "orders" tells the containers apart.
    SnapshotBuilder host = SnapshotBuilder.host().service("Shop Orders", ServiceState.DOWN, null)
        .container(running("shop-orders-1")).container(running("shop-orders-2")).container(running("shop-web-1"));
    ServiceLink link = link(Map.of(), host, Set.of());
    assertEquals(List.of("shop-orders-1", "shop-orders-2"), link.containers(), "replicas are one service");
  }

  @Test
  void twoDifferentContainersMatchingEquallyLinkNothing() {
    SnapshotBuilder host = SnapshotBuilder.host().service("Orders API", ServiceState.UP, 40L)
        .container(running("orders")).container(running("api"));
    ServiceLink link = link(Map.of(), host, Set.of());
    assertEquals(List.of(), link.containers());
    assertTrue(link.explanation().contains("equally"), link.explanation());
  }

  @Test
  void aDownServiceAndTheOnlyBrokenContainerAreOneProblemWithoutAnyNameInCommon() {
    SnapshotBuilder host = SnapshotBuilder.host().service("Storefront", ServiceState.DOWN, null)
        .container(container("shop-frontend-1", "exited", "shop", "frontend")).container(running("shop-db-1"));
    ServiceLink link = link(Map.of(), host, Set.of("shop-frontend-1"));
    assertEquals(List.of("shop-frontend-1"), link.containers());
    assertEquals(ServiceLink.Source.ONLY_BROKEN_CONTAINER, link.source());
    // Two broken containers: which one serves it is a guess, so none is linked.
    ServiceLink two = link(Map.of(), host, Set.of("shop-frontend-1", "shop-db-1"));
    assertEquals(List.of(), two.containers());
    assertTrue(two.explanation().contains("2 containers are down"), two.explanation());
  }

  @Test
  void theDetectorWritesTheLinkIntoTheFindingsAndTheStoppedContainerIsCritical() {
    HostSnapshot snapshot = SnapshotBuilder.host().service("staging/Orders API", ServiceState.DOWN, null)
        .container(container("shop-orders-1", "exited", "shop", "orders")).container(container("shop-web-1", "running", "shop", "web"))
        .build();
    Evaluation evaluation = new Detector(Thresholds.defaults()).evaluate(snapshot, Baselines.empty());
    Finding service = evaluation.findings().stream().filter(f -> f.kind() == FindingKind.SERVICE_DOWN).findFirst().orElseThrow();
    Finding stopped = evaluation.findings().stream().filter(f -> f.kind() == FindingKind.CONTAINER_DOWN).findFirst().orElseThrow();
    assertEquals("shop-orders-1", service.fact("container"));
    assertEquals("shop-orders-1", service.fact("containers"));
    assertEquals("compose labels", service.fact("linkedBy"));
    assertEquals(Severity.CRITICAL, stopped.severity(), "users are affected: its service is DOWN");
    assertTrue(stopped.evidence().contains("the status page shows staging/Orders API DOWN as well"), stopped.evidence().toString());
    assertEquals(ServiceLink.Source.COMPOSE_LABELS, evaluation.links().get(0).source());
  }

  @Test
  void aDownServiceWithNothingToLinkSaysWhichContainersWereChecked() {
    HostSnapshot snapshot = SnapshotBuilder.host().service("Payments", ServiceState.DOWN, null)
        .container(running("shop-web-1")).container(running("shop-worker-1")).build();
    Finding service = new Detector(Thresholds.defaults()).evaluate(snapshot, Baselines.empty()).findings().get(0);
    assertNull(service.fact("container"));
    assertNull(service.fact("linkedBy"));
    assertTrue(service.fact("link").contains("checked: shop-web-1, shop-worker-1"), service.fact("link"));
    assertTrue(service.fact("link").contains("no container is down, restarting or unhealthy"), service.fact("link"));
  }
}
