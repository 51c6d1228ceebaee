package io.tillbridge.alerts;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A location's usual activity per local weekday and hour, learned from its hourly record counts
 * (UTC hours, as {@code source_activity} keeps them) of the weeks before {@code now}, and what the
 * "data stopped arriving" rule concludes from it.
 * <ul>
 * <li>Week {@code w} is the 7 days ending {@code w} weeks before now; a week "has data" when any
 * hour of it has records. At least {@value #MIN_WEEKS} such weeks are needed, else nothing is
 * learned and the rule stays silent.</li>
 * <li>Each UTC hour is turned into the location's local weekday and hour with {@code java.time}, so
 * a summer-time change moves the UTC hours, not the business hours.</li>
 * <li>A slot (weekday, hour) is a business hour when records arrived in it in at least half of the
 * weeks that have data. Its average is its records divided by the weeks in which it had records (the
 * usual activity while open, not diluted by a week cut by the window's edge or a holiday).</li>
 * <li>The expected gap in a business hour is {@code 60 min / average x factor}, at least the
 * minimum.</li>
 * </ul>
 * The rule fires when now is in a business hour, the run of business hours it belongs to began at
 * least the expected gap ago, and the newest record is older than the expected gap. A weekday
 * without business hours (closed) never fires.
 */
public final class UsualActivity {

    /** Weeks with data needed before anything is learned. */
    public static final int MIN_WEEKS = 2;

    /** A local weekday and hour. */
    public record Slot(DayOfWeek day, int hour) {
    }

    /** What the rule concludes for now: fire or not, the expected gap, and in words why. */
    public record Verdict(boolean silent, Duration expectedGap, String reason) {
    }

    private final ZoneId zone;
    private final int weeksWithData;
    private final Map<Slot, Double> averages;

    private UsualActivity(ZoneId zone, int weeksWithData, Map<Slot, Double> averages) {
        this.zone = zone;
        this.weeksWithData = weeksWithData;
        this.averages = averages;
    }

    /**
     * Learns from {@code hours} (UTC hour start to records), of which those in the {@code weeks}
     * weeks before {@code now} count.
     */
    public static UsualActivity learn(Map<Instant, Long> hours, ZoneId zone, Instant now, int weeks) {
        Instant from = now.minus(Duration.ofDays(7L * weeks));
        Set<Integer> weeksSeen = new HashSet<>();
        Map<Slot, Set<Integer>> slotWeeks = new HashMap<>();
        Map<Slot, Long> slotRecords = new HashMap<>();
        for (Map.Entry<Instant, Long> e : hours.entrySet()) {
            Instant hour = e.getKey();
            if (hour.isBefore(from) || !hour.isBefore(now) || e.getValue() <= 0) {
                continue;
            }
            int week = (int) (Duration.between(hour, now).toHours() / (7 * 24));
            weeksSeen.add(week);
            Slot slot = slot(hour, zone);
            slotWeeks.computeIfAbsent(slot, k -> new HashSet<>()).add(week);
            slotRecords.merge(slot, e.getValue(), Long::sum);
        }
        Map<Slot, Double> averages = new HashMap<>();
        int n = weeksSeen.size();
        if (n >= MIN_WEEKS) {
            slotWeeks.forEach((slot, seen) -> {
                if (seen.size() * 2 >= n) {
                    averages.put(slot, slotRecords.get(slot) / (double) seen.size());
                }
            });
        }
        return new UsualActivity(zone, n, averages);
    }

    static Slot slot(Instant instant, ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        return new Slot(local.getDayOfWeek(), local.getHour());
    }

    /** Whether {@code slot} is a business hour. */
    public boolean businessHour(Slot slot) {
        return averages.containsKey(slot);
    }

    /** The business hours learned, with their average records per hour. */
    public Map<Slot, Double> averages() {
        return Map.copyOf(averages);
    }

    /** The weeks that have data. */
    public int weeksWithData() {
        return weeksWithData;
    }

    /** The expected gap between records in {@code slot}; empty outside business hours. */
    public Optional<Duration> expectedGap(Slot slot, double factor, Duration minimum) {
        Double average = averages.get(slot);
        if (average == null) {
            return Optional.empty();
        }
        long millis = Math.round(Duration.ofHours(1).toMillis() / average * factor);
        Duration gap = Duration.ofMillis(millis);
        return Optional.of(gap.compareTo(minimum) < 0 ? minimum : gap);
    }

    /**
     * The conclusion at {@code now} for a location whose newest record was created at
     * {@code newestRecordAt} (null when none ever arrived).
     */
    public Verdict judge(Instant now, Instant newestRecordAt, double factor, Duration minimum) {
        if (weeksWithData < MIN_WEEKS) {
            return new Verdict(false, null, "fewer than " + MIN_WEEKS + " weeks of activity to learn from");
        }
        Slot current = slot(now, zone);
        Optional<Duration> gap = expectedGap(current, factor, minimum);
        if (gap.isEmpty()) {
            return new Verdict(false, null, "outside the location's business hours");
        }
        Instant periodStart = periodStart(now);
        if (Duration.between(periodStart, now).compareTo(gap.get()) < 0) {
            return new Verdict(false, gap.get(), "business hours began less than the expected gap ago");
        }
        if (newestRecordAt != null && Duration.between(newestRecordAt, now).compareTo(gap.get()) <= 0) {
            return new Verdict(false, gap.get(), "records arrive as usual");
        }
        return new Verdict(true, gap.get(), "no new record for longer than the expected gap");
    }

    /** When the run of business hours containing {@code now} began (looking back at most a week). */
    Instant periodStart(Instant now) {
        Instant start = now.truncatedTo(ChronoUnit.HOURS);
        for (int i = 0; i < 7 * 24; i++) {
            Instant before = start.minus(Duration.ofHours(1));
            if (!businessHour(slot(before, zone))) {
                break;
            }
            start = before;
        }
        return start;
    }
}
