package dev.parley.actors.shared;

import dev.parley.actors.common.Rejection;

/** The seeds' rule every side of a membership applies: a member accepts query compute costs exactly when made the payer. */
public final class QueryComputePayment {

    private QueryComputePayment() {}

    public static Rejection mismatch(boolean responsible) {
        return new Rejection.Invalid(
                responsible
                        ? "paymentConfiguration.queryCompute.isResponsible must be TRUE: this member is responsible for"
                                + " query compute costs in the collaboration"
                        : "paymentConfiguration.queryCompute.isResponsible must be FALSE: this member is not configured to"
                                + " pay for query compute costs in the collaboration");
    }
}
