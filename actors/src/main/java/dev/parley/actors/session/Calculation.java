package dev.parley.actors.session;

import dev.parley.actors.common.CborSerializable;
import java.time.Instant;

/**
 * One calculation of a session, as its journal tells it. {@code resultUri}, {@code stdOutUri} and {@code stdErrorUri}
 * are the {@code s3://} locations its files were written to (null when the work group has no OutputLocation or
 * nothing was written); {@code dpuMillis} is the time it ran times the session's DPUs.
 */
public record Calculation(
        String calculationId,
        String description,
        String codeBlock,
        CalculationState state,
        Instant submissionDateTime,
        Instant completionDateTime,
        String stateChangeReason,
        long dpuMillis,
        String progress,
        String resultUri,
        String stdOutUri,
        String stdErrorUri)
        implements CborSerializable {

    Calculation moved(CalculationState newState, Instant time, String reason) {
        return new Calculation(
                calculationId,
                description,
                codeBlock,
                newState,
                submissionDateTime,
                newState.finished() ? time : completionDateTime,
                reason == null ? stateChangeReason : reason,
                dpuMillis,
                progress,
                resultUri,
                stdOutUri,
                stdErrorUri);
    }

    Calculation finished(Coordinator.Outcome outcome, Instant time) {
        return new Calculation(
                calculationId,
                description,
                codeBlock,
                outcome.state(),
                submissionDateTime,
                time,
                outcome.reason(),
                outcome.dpuMillis(),
                outcome.progress(),
                outcome.resultUri(),
                outcome.stdOutUri(),
                outcome.stdErrorUri());
    }
}
