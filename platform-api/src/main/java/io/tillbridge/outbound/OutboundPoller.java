package io.tillbridge.outbound;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs outbound webhooks in the worker role ({@code tillbridge.roles.worker}, like the run worker),
 * when {@code tillbridge.webhooks.polling} is on: every {@code poll-interval} it dispatches new
 * events and claims due deliveries for as many sender threads as are free
 * ({@code tillbridge.webhooks.threads}, default 4); every {@code day-close-interval} it closes ended
 * business days. A slow endpoint holds one thread at most (one delivery in flight per subscription,
 * bounded timeouts), so other tenants' deliveries go on on the other threads.
 */
@Singleton
@Requires(property = "tillbridge.roles.worker", value = "true", defaultValue = "true")
public class OutboundPoller implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundPoller.class);

    private final WebhookDispatcher dispatcher;
    private final WebhookSender sender;
    private final BusinessDayClose days;
    private final OutboundSettings settings;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "webhook-poller");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService senders;
    private final AtomicInteger busy = new AtomicInteger();

    public OutboundPoller(WebhookDispatcher dispatcher, WebhookSender sender, BusinessDayClose days,
            OutboundSettings settings) {
        this.dispatcher = dispatcher;
        this.sender = sender;
        this.days = days;
        this.settings = settings;
        AtomicInteger numbered = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread thread = new Thread(r, "webhook-sender-" + numbered.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (!settings.polling()) {
            return;
        }
        long every = settings.pollInterval().toMillis();
        timer.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
        long dayEvery = settings.dayClosePassInterval().toMillis();
        timer.scheduleWithFixedDelay(this::closeDays, Math.min(dayEvery, 10_000), dayEvery, TimeUnit.MILLISECONDS);
        LOG.info("Outbound webhooks: dispatching every {}, sending on {} threads", settings.pollInterval(),
                settings.threads());
    }

    private void poll() {
        try {
            dispatcher.dispatch();
            int free = settings.threads() - busy.get();
            if (free < 1) {
                return;
            }
            List<WebhookSender.Claim> claims = sender.claim(free);
            for (WebhookSender.Claim claim : claims) {
                busy.incrementAndGet();
                try {
                    senders.execute(() -> {
                        try {
                            sender.send(claim);
                        } finally {
                            busy.decrementAndGet();
                        }
                    });
                } catch (RejectedExecutionException e) {
                    busy.decrementAndGet();
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Outbound webhooks: a poll failed", e);
        }
    }

    private void closeDays() {
        try {
            days.closeEndedDays();
        } catch (RuntimeException e) {
            LOG.error("Outbound webhooks: the business-day pass failed", e);
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        senders.shutdown();
        try {
            if (!senders.awaitTermination(5, TimeUnit.SECONDS)) {
                senders.shutdownNow();
            }
        } catch (InterruptedException e) {
            senders.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
