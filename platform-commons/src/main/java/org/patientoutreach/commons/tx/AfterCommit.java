package org.patientoutreach.commons.tx;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Work that must follow a transaction's commit, and never a rollback: handing sends on, counting them. */
public final class AfterCommit {

    private AfterCommit() {
    }

    /** Runs {@code action} once the caller's transaction has committed; at once when no transaction is active. */
    public static void run(TransactionSynchronizationRegistry transactions, Runnable action) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            action.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
