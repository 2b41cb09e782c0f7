package org.patientoutreach.commons.concurrent;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * One thread that runs a task whenever it is woken: wake-ups while the task runs fold into one more run, and none is
 * lost. The last point matters for latency: a wake-up that lands between the run's final check and the worker going
 * idle used to be dropped, leaving the work to the next scheduled poll (up to a second later).
 */
public final class CoalescingWorker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CoalescingWorker.class);

    private final String name;
    private final Runnable task;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final ExecutorService thread;

    /**
     * @param loader the class loader the task needs (the application's, for Avro and Hibernate classes)
     * @param task runs until there is nothing left to do; it handles its own failures
     */
    public CoalescingWorker(String name, ClassLoader loader, Runnable task) {
        this.name = name;
        this.task = task;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            return t;
        });
    }

    public void wake() {
        again.set(true);
        if (running.compareAndSet(false, true)) {
            thread.execute(this::loop);
        }
    }

    private void loop() {
        boolean failed = false;
        do {
            try {
                while (again.getAndSet(false)) {
                    task.run();
                }
            } catch (RuntimeException e) {
                // Type and origin only: a message could quote record content. The next wake-up or poll tries again.
                StackTraceElement origin = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
                LOG.warnf("%s paused until the next wake-up: %s at %s", name, e.getClass().getName(), origin);
                failed = true;
            } finally {
                running.set(false);
            }
            // A wake-up after the last check found no thread to run it: take it here, unless another run already has.
        } while (!failed && again.get() && running.compareAndSet(false, true));
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
