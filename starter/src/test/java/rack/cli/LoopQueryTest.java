package rack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoopQueryTest {
  @Test
  void theQueryNamesBothLoopTypesRunningAndTheGivenFilters() {
    assertEquals("WorkflowType IN ('IncidentLoop', 'AnomalyFollowUp') AND ExecutionStatus = 'Running'",
        LoopQuery.of(null, null).visibilityQuery());
    assertEquals("WorkflowType IN ('IncidentLoop', 'AnomalyFollowUp') AND ExecutionStatus = 'Running'"
        + " AND RackHost = 'web-1.staging' AND RackPhase = 'AWAITING_PR'", LoopQuery.of("web-1.staging", "awaiting_pr").visibilityQuery());
  }

  @Test
  void valuesThatCouldLeaveTheirQuotesAreRefused() {
    UserError host = assertThrows(UserError.class, () -> LoopQuery.of("x' OR RackHost != '", null));
    assertTrue(host.getMessage().startsWith("--host x' OR"), host.getMessage());
    UserError phase = assertThrows(UserError.class, () -> LoopQuery.of(null, "WAITING"));
    assertTrue(phase.getMessage().contains("not a phase (one of [") && phase.getMessage().contains("AWAITING_PR"), phase.getMessage());
  }
}
