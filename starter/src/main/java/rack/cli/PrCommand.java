package rack.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import rack.loop.LoopWorkflow;
import rack.loop.PullRequest;
import rack.worker.temporal.TemporalConnection;

/** {@code ./rack pr opened|merged|closed LOOP_ID}: tells a loop what happened to its pull request. */
@Command(name = "pr", description = "Tell a loop its fix's pull request was opened, merged or closed unmerged.")
final class PrCommand implements Callable<Integer> {
  enum Event { opened, merged, closed }

  @Parameters(index = "0", paramLabel = "opened|merged|closed") Event event;
  @Parameters(index = "1", paramLabel = "LOOP_ID") String loopId;
  @Option(names = "--number", required = true, paramLabel = "N") int number;
  @Option(names = "--url", required = true, paramLabel = "URL") String url;
  @Option(names = "--branch", paramLabel = "B") String branch;
  @Mixin TemporalOptions temporal;

  @Override
  public Integer call() {
    if (number <= 0) throw new UserError("--number must be a positive PR number");
    try (TemporalConnection t = temporal.connect()) {
      Loops.requireLoop(t, loopId);
      if (!Loops.isOpen(t, loopId)) throw new UserError("loop '" + loopId + "' has already ended");
      PullRequest pr = new PullRequest(number, url, branch);
      LoopWorkflow loop = t.client().newWorkflowStub(LoopWorkflow.class, loopId);
      switch (event) {
        case opened -> loop.prOpened(pr);
        case merged -> loop.prMerged(pr);
        case closed -> loop.prClosed(pr);
      }
      System.out.println("told " + loopId + ": PR #" + number + " " + event);
    }
    return RackCommand.OK;
  }
}
