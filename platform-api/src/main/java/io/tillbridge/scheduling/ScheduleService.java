package io.tillbridge.scheduling;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.exceptions.DataAccessException;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.platform.Versions;
import io.tillbridge.problems.Problem;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.scheduling.internal.ScheduleRepository;
import io.tillbridge.scheduling.internal.ScheduleTriggers;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.UUID;
import org.quartz.CronExpression;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Integrations' schedules (DD-013). The row in {@code integration_schedules} is the truth; each
 * change also writes the integration's Quartz trigger into the shared job store, inside the
 * tenant transaction, so that a refused trigger write rolls the change back. A schedule may not
 * fire more often than every {@value #MIN_INTERVAL} (default 60 s). Every change is audited.
 */
@Singleton
public class ScheduleService {

    /** The shortest interval between two fires of a schedule. */
    public static final String MIN_INTERVAL = "tillbridge.scheduler.min-interval";
    /** How many next fire times a schedule shows. */
    static final int SHOWN_FIRE_TIMES = 5;
    /** How many fire times of a cron expression are checked against the minimum interval. */
    private static final int CHECKED_FIRE_TIMES = 50;
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleService.class);

    private final TenantTransactions transactions;
    private final ScheduleRepository repository;
    private final IntegrationService integrations;
    private final Scheduler scheduler;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration minInterval;

    public ScheduleService(TenantTransactions transactions, ScheduleRepository repository,
            IntegrationService integrations, Scheduler scheduler, AuditLog audit, Clock clock,
            @Value("${" + MIN_INTERVAL + ":60s}") Duration minInterval) {
        if (minInterval.toSeconds() < 1) {
            throw new IllegalArgumentException(MIN_INTERVAL + " must be at least 1 second");
        }
        this.transactions = transactions;
        this.repository = repository;
        this.integrations = integrations;
        this.scheduler = scheduler;
        this.audit = audit;
        this.clock = clock;
        this.minInterval = minInterval;
    }

    /** The integration's schedule with its next fire times; 404 when it has none. */
    public Schedule get(TenantScope scope, UUID integrationId) {
        scope.require(Permission.READ);
        integrations.get(scope, integrationId);
        Schedule schedule = transactions.read(scope.tenant(), c -> repository.find(scope.tenant(), c, integrationId, false))
                .orElseThrow(ScheduleService::noSchedule);
        return withFireTimes(scope.tenant(), schedule);
    }

    /**
     * Creates or replaces the integration's schedule. Creating needs no {@code expectedVersion};
     * replacing needs the current one (428 without, 412 when stale).
     */
    public Schedule put(TenantScope scope, UUID integrationId, Optional<Integer> expectedVersion, ScheduleDraft draft) {
        scope.require(Permission.CONFIGURE);
        Valid valid = validate(draft);
        integrations.get(scope, integrationId);
        TenantId tenant = scope.tenant();
        Schedule saved;
        try {
            saved = transactions.write(tenant, c -> {
                Optional<Schedule> before = repository.find(tenant, c, integrationId, true);
                if (before.isPresent()) {
                    Versions.requireCurrent(expectedVersion.orElseThrow(() -> new ProblemException(
                            ProblemType.PRECONDITION_REQUIRED, "The integration has a schedule: send If-Match with"
                            + " its ETag to replace it.")), before.get().version());
                } else if (expectedVersion.isPresent()) {
                    throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                            "The integration has no schedule any more; send the request without If-Match to create one.");
                }
                repository.save(tenant, c, integrationId, valid.cron(), valid.timeZone(), valid.intervalSeconds(),
                        valid.enabled());
                Schedule after = repository.find(tenant, c, integrationId, false).orElseThrow();
                arm(tenant, after);
                record(c, scope, before.isPresent() ? "schedule.changed" : "schedule.created", integrationId,
                        before.orElse(null), after);
                return after;
            });
        } catch (DataAccessException e) {
            if (isForeignKeyViolation(e)) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No such integration.");
            }
            throw e;
        }
        return withFireTimes(tenant, saved);
    }

    /** Removes the integration's schedule; 404 when it has none. */
    public void delete(TenantScope scope, UUID integrationId, int expectedVersion) {
        scope.require(Permission.CONFIGURE);
        integrations.get(scope, integrationId);
        TenantId tenant = scope.tenant();
        transactions.write(tenant, c -> {
            Schedule before = repository.find(tenant, c, integrationId, true).orElseThrow(ScheduleService::noSchedule);
            Versions.requireCurrent(expectedVersion, before.version());
            repository.delete(tenant, c, integrationId);
            try {
                ScheduleTriggers.disarm(scheduler, tenant, integrationId);
            } catch (SchedulerException e) {
                throw unavailable(e);
            }
            record(c, scope, "schedule.deleted", integrationId, before, null);
            return null;
        });
    }

    /**
     * Removes the integration's trigger from the job store when the integration has no schedule row:
     * after a transaction that saved a schedule (and so wrote its trigger, which the job store commits
     * on its own) was rolled back. A trigger whose row exists is left alone.
     */
    public void disarmUnsaved(TenantId tenant, UUID integrationId) {
        if (transactions.read(tenant, c -> repository.find(tenant, c, integrationId, false)).isPresent()) {
            return;
        }
        try {
            ScheduleTriggers.disarm(scheduler, tenant, integrationId);
        } catch (SchedulerException e) {
            LOG.warn("The trigger of integration {} could not be removed; its first fire removes it", integrationId, e);
        }
    }

    private void arm(TenantId tenant, Schedule schedule) {
        try {
            ScheduleTriggers.arm(scheduler, tenant, schedule, clock.instant());
        } catch (SchedulerException e) {
            throw unavailable(e);
        }
    }

    private Schedule withFireTimes(TenantId tenant, Schedule schedule) {
        if (!schedule.enabled()) {
            return schedule.withNextFireTimes(List.of());
        }
        try {
            Trigger trigger = scheduler.getTrigger(ScheduleTriggers.triggerKey(tenant, schedule.integrationId()));
            return schedule.withNextFireTimes(ScheduleTriggers.nextFireTimes(trigger, SHOWN_FIRE_TIMES));
        } catch (SchedulerException e) {
            throw unavailable(e);
        }
    }

    /** A draft that passed validation. */
    private record Valid(String cron, String timeZone, Integer intervalSeconds, boolean enabled) {
    }

    private Valid validate(ScheduleDraft draft) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String cron = draft.cron() == null || draft.cron().isBlank() ? null : draft.cron().trim();
        String zone = draft.timeZone() == null || draft.timeZone().isBlank() ? "UTC" : draft.timeZone().trim();
        Integer interval = draft.intervalSeconds();
        if ((cron == null) == (interval == null)) {
            errors.add(new Problem.FieldError(cron == null ? "cron" : "intervalSeconds",
                    "give either cron or intervalSeconds, not both and not neither"));
        }
        boolean zoneValid = true;
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            zoneValid = false;
            errors.add(new Problem.FieldError("timeZone", "is not an IANA time zone id such as Europe/Paris"));
        }
        if (interval != null && interval < minInterval.toSeconds()) {
            errors.add(new Problem.FieldError("intervalSeconds",
                    "must be at least " + minInterval.toSeconds() + " seconds"));
        }
        if (cron != null && cron.length() > 120) {
            errors.add(new Problem.FieldError("cron", "must be at most 120 characters"));
        } else if (cron != null && zoneValid) {
            cronError(cron, zone).ifPresent(message -> errors.add(new Problem.FieldError("cron", message)));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, errors.get(0).field() + ": "
                    + errors.get(0).message(), errors);
        }
        return new Valid(cron, zone, interval, draft.enabled() == null || draft.enabled());
    }

    private Optional<String> cronError(String cron, String zone) {
        CronExpression expression;
        try {
            expression = new CronExpression(cron);
        } catch (ParseException e) {
            return Optional.of("is not a Quartz cron expression (seconds minutes hours day-of-month month"
                    + " day-of-week [year], e.g. 0 0 6 * * ?): " + e.getMessage());
        } catch (RuntimeException e) {
            return Optional.of("is not a Quartz cron expression (seconds minutes hours day-of-month month"
                    + " day-of-week [year], e.g. 0 0 6 * * ?)");
        }
        expression.setTimeZone(TimeZone.getTimeZone(zone));
        Date previous = expression.getNextValidTimeAfter(Date.from(clock.instant()));
        if (previous == null) {
            return Optional.of("never fires from now on");
        }
        for (int i = 0; i < CHECKED_FIRE_TIMES; i++) {
            Date next = expression.getNextValidTimeAfter(previous);
            if (next == null) {
                break;
            }
            if (next.getTime() - previous.getTime() < minInterval.toMillis()) {
                return Optional.of("fires more often than every " + minInterval.toSeconds() + " seconds");
            }
            previous = next;
        }
        return Optional.empty();
    }

    private void record(Connection c, TenantScope scope, String action, UUID integrationId, Schedule before,
            Schedule after) throws SQLException {
        audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of(action, "integration-schedule", integrationId)
                .before(before == null ? null : auditState(before))
                .after(after == null ? null : auditState(after)));
    }

    private static Map<String, Object> auditState(Schedule s) {
        Map<String, Object> state = new LinkedHashMap<>();
        if (s.cron() != null) {
            state.put("cron", s.cron());
            state.put("timeZone", s.timeZone());
        } else {
            state.put("intervalSeconds", s.intervalSeconds());
        }
        state.put("enabled", s.enabled());
        state.put("version", s.version());
        return state;
    }

    private static boolean isForeignKeyViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23503".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static ProblemException noSchedule() {
        return new ProblemException(ProblemType.NOT_FOUND, "The integration has no schedule.");
    }

    private static ProblemException unavailable(SchedulerException e) {
        LOG.error("The schedules' job store failed", e);
        return new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                "Schedules cannot be read or changed right now; retry later.");
    }
}
