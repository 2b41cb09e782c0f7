package org.patientoutreach.emails.send;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One thread that commits, in one transaction, whatever items have gathered since its last commit: under load a
 * transaction carries hundreds of items, when idle it carries one without waiting for more. A commit costs about as
 * much CPU as the statements in it, so the send pipeline records per batch what happens per email.
 */
final class GroupCommit<T> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    private final String what;
    private final int maxBatch;
    private final Consumer<List<T>> inTransaction;
    private final Consumer<List<T>> afterwards;
    private final BlockingQueue<T> pending = new LinkedBlockingQueue<>();
    private final ExecutorService thread;

    /**
     * @param what          what the items are, for the log line of a failed commit
     * @param inTransaction records a batch; its transaction commits when it returns
     * @param afterwards    runs once the batch is committed, or once committing it failed
     */
    GroupCommit(String what, ClassLoader loader, int maxBatch, Consumer<List<T>> inTransaction,
            Consumer<List<T>> afterwards) {
        this.what = what;
        this.maxBatch = maxBatch;
        this.inTransaction = inTransaction;
        this.afterwards = afterwards;
        this.thread = Executors.newSingleThreadExecutor(SendThreads.named(what.replace(' ', '-'), loader));
        thread.execute(this::loop);
    }

    void add(T item) {
        pending.add(item);
    }

    private void loop() {
        List<T> batch = new ArrayList<>(maxBatch);
        try {
            while (true) {
                batch.add(pending.take());
                pending.drainTo(batch, maxBatch - 1);
                try {
                    QuarkusTransaction.requiringNew().run(() -> inTransaction.accept(batch));
                } catch (RuntimeException e) {
                    // The send pipeline's leases bring back whatever this batch did not record. Type only.
                    LOG.warnf("%d %s not recorded: %s", batch.size(), what, e.getClass().getName());
                } finally {
                    afterwards.accept(batch);
                    batch.clear();
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
