package rack.worker.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.LinkedHashMap;
import java.util.Map;
import rack.loop.RackSearchAttributes;

/**
 * Registers RackHost, RackLoopKind, RackPhase, RackSeverity. Needed before any workflow upserts
 * them; the dev server starts without them and production's admin-tools job creates them too
 * (ALREADY_EXISTS is fine either way).
 */
public final class SearchAttributeRegistry {
  private SearchAttributeRegistry() {}

  public static void register(WorkflowServiceStubs service, String namespace) {
    Map<String, IndexedValueType> attributes = new LinkedHashMap<>();
    RackSearchAttributes.ALL.forEach(k -> attributes.put(k.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder().setChannel(service.getRawChannel()).validateAndBuildWithDefaults());
    try {
      operator.blockingStub().addSearchAttributes(AddSearchAttributesRequest.newBuilder()
          .setNamespace(namespace).putAllSearchAttributes(attributes).build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) throw e;
    } finally {
      operator.shutdown();
    }
  }
}
