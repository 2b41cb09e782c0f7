package org.patientoutreach.emails.send;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads of the send pipeline, named for thread dumps, that resolve the application's classes. */
final class SendThreads {

    private SendThreads() {
    }

    /** {@code loader}: the caller's context class loader, so generated Avro and entity classes load on these threads. */
    static ThreadFactory named(String prefix, ClassLoader loader) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(loader);
            return thread;
        };
    }
}
