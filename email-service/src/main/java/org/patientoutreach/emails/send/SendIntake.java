package org.patientoutreach.emails.send;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.inbox.Inbox;
import org.patientoutreach.schemas.EmailSendRequested;

/**
 * Group commit for incoming send requests: the consumer's workers hand their records here and wait; one thread takes
 * whatever has gathered (up to {@value #MAX_BATCH}) and accepts it in one transaction, with the inbox marks written
 * in one statement. A record counts as consumed only once its batch committed. If a batch fails, its records are
 * retried one by one, so only the record that cannot be processed fails (and goes to the dead-letter topic).
 */
@ApplicationScoped
public class SendIntake {

    static final int MAX_BATCH = 500;
    private static final Logger LOG = Logger.getLogger(SendIntake.class);

    private final SendService sends;
    private final Inbox inbox;
    private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final ExecutorService committer;

    public SendIntake(SendService sends, Inbox inbox) {
        this.sends = sends;
        this.inbox = inbox;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        this.committer = Executors.newSingleThreadExecutor(SendThreads.named("send-intake-commit", loader));
        committer.execute(this::commitLoop);
    }

    /** Returns once the request is accepted and committed (or was a redelivery); throws if it cannot be. */
    public void accept(EmailSendRequested request) throws InterruptedException {
        Pending entry = new Pending(request, new CompletableFuture<>());
        pending.add(entry);
        try {
            entry.done().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private void commitLoop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (true) {
                batch.add(pending.take());
                pending.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
                batch.clear();
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    private void commit(List<Pending> batch) {
        try {
            QuarkusTransaction.requiringNew().run(() -> acceptFirstDeliveries(batch));
            batch.forEach(p -> p.done().complete(null));
        } catch (RuntimeException batchFailed) {
            LOG.debugf("a batch of %d send requests failed (%s); accepting them one by one", batch.size(),
                    batchFailed.getClass().getName());
            for (Pending one : batch) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> acceptFirstDeliveries(List.of(one)));
                    one.done().complete(null);
                } catch (RuntimeException failed) {
                    one.done().completeExceptionally(failed);
                }
            }
        }
    }

    /** Keyed by requestId, which journeys derive from instance + step: a redelivery or a retried step sends nothing. */
    private void acceptFirstDeliveries(List<Pending> batch) {
        Map<String, EmailSendRequested> byId = new LinkedHashMap<>();
        batch.forEach(p -> byId.putIfAbsent(p.request().getRequestId(), p.request()));
        Set<String> first = inbox.firstDeliveries(SendRequestConsumer.CONSUMER, byId.keySet());
        sends.acceptAll(byId.values().stream().filter(r -> first.contains(r.getRequestId())).toList());
    }

    @PreDestroy
    void stop() {
        committer.shutdownNow();
    }

    private record Pending(EmailSendRequested request, CompletableFuture<Void> done) {
    }
}
