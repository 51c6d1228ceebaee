package io.tillbridge.health;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * The scheduled intervals of an integration in a window, for uptime: the share of the intervals,
 * from one scheduled fire to the next, in which a run of the integration (queued in it) succeeded.
 * Only intervals that ended before now count, from the time the schedule was last changed. A window
 * holds at most {@link #MAX_INTERVALS} intervals: a shorter schedule is measured over groups of
 * consecutive intervals (a group is up when a run succeeded in any of its intervals). Health
 * measures 7 and 30 days with it; the KPIs measure their range.
 */
public final class Uptime {

    /** The most intervals one window is measured over. */
    public static final int MAX_INTERVALS = 2_000;

    /** One schedule: a Quartz cron in a time zone, or a fixed interval from {@code since}. */
    public record Schedule(String cron, String timeZone, Integer intervalSeconds, Instant since) {
    }

    /** The window's intervals as parallel arrays of starts and ends (end exclusive), oldest first. */
    public record Intervals(List<Instant> starts, List<Instant> ends) {
        public int size() {
            return starts.size();
        }
    }

    private Uptime() {
    }

    /** The intervals of {@code schedule} that ended in {@code (from, now]}, grouped to at most MAX_INTERVALS. */
    public static Intervals intervals(Schedule schedule, Instant from, Instant now) {
        Instant start = schedule.since().isAfter(from) ? schedule.since() : from;
        List<Instant> fires = new ArrayList<>();
        if (schedule.intervalSeconds() != null) {
            long step = schedule.intervalSeconds();
            long elapsed = Duration.between(schedule.since(), start).getSeconds();
            long first = elapsed <= 0 ? 0 : (elapsed + step - 1) / step;
            long count = Duration.between(schedule.since(), now).getSeconds() / step - first + 1;
            long group = Math.max(1, (count + MAX_INTERVALS) / (MAX_INTERVALS + 1));
            for (long i = first; i <= first + count - 1; i += group) {
                fires.add(schedule.since().plusSeconds(i * step));
            }
            return pairs(fires);
        }
        CronExpression cron;
        try {
            cron = new CronExpression(schedule.cron());
            cron.setTimeZone(TimeZone.getTimeZone(schedule.timeZone()));
        } catch (ParseException e) {
            return new Intervals(List.of(), List.of());
        }
        // A cron firing more often than the window allows is grouped: fires are taken MAX_INTERVALS apart in time.
        Duration minimum = Duration.between(start, now).dividedBy(MAX_INTERVALS);
        Date next = cron.getNextValidTimeAfter(Date.from(start.minusMillis(1)));
        while (next != null && !next.toInstant().isAfter(now) && fires.size() <= MAX_INTERVALS + 1) {
            Instant fire = next.toInstant();
            if (fires.isEmpty() || !fire.isBefore(fires.get(fires.size() - 1).plus(minimum))) {
                fires.add(fire);
            }
            next = cron.getNextValidTimeAfter(next);
        }
        return pairs(fires);
    }

    private static Intervals pairs(List<Instant> fires) {
        if (fires.size() < 2) {
            return new Intervals(List.of(), List.of());
        }
        return new Intervals(List.copyOf(fires.subList(0, fires.size() - 1)), List.copyOf(fires.subList(1, fires.size())));
    }
}
