package io.tillbridge.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * What a benchmark's work cost this JVM, between {@link #start} and {@link #stop}: the process's
 * CPU time, the CPU time of named threads (e.g. the loopback forwarders of the warehouse, which
 * stand for the network and are not the platform's), the heap's peak (the sum of the heap pools'
 * peaks after a reset) and the largest heap left after a collection (about the live data), and the
 * CPU time of the PostgreSQL backends of one database, those of one role (the platform's) apart from
 * the others (the warehouses'), read from {@code /proc} and sampled every 200 ms so that backends
 * which end in between are counted up to their last sample (Linux only, zero elsewhere; the
 * server's own processes, such as the WAL writer, are not counted).
 */
public final class ResourceMeter implements AutoCloseable {

    /** The figures of one measured span. */
    public record Usage(Duration wall, Duration processCpu, Duration namedThreadsCpu, long heapPeakBytes,
            long heapAfterGcPeakBytes, Duration postgresRoleCpu, Duration postgresOtherCpu, Duration gcTime) {
    }

    /** A backend's CPU ticks and whether it is a session of the counted role. */
    private record Backend(boolean role, long ticks) {
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long TICKS_PER_SECOND = 100;

    private final String threadPrefix;
    private final String database;
    private final String role;
    private final AtomicLong afterGcPeak = new AtomicLong();
    private final Map<Long, Backend> backendsAtStart = new HashMap<>();
    private final Map<Long, Backend> backendsLast = new HashMap<>();
    private Map<Long, Long> threadsAtStart = Map.of();
    private Thread sampler;
    private long startNanos;
    private long cpuAtStart;
    private long gcAtStart;
    private volatile boolean running;

    /**
     * @param threadPrefix threads whose names start with it are counted apart ({@code namedThreadsCpu})
     * @param database the database whose PostgreSQL backends are counted
     * @param role the role whose backends are counted apart ({@code postgresRoleCpu})
     */
    public ResourceMeter(String threadPrefix, String database, String role) {
        this.threadPrefix = threadPrefix;
        this.database = database;
        this.role = role;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!running || !GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                        .equals(notification.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                        .from((CompositeData) notification.getUserData());
                long used = 0;
                for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (isHeap(pool.getKey())) {
                        used += pool.getValue().getUsed();
                    }
                }
                afterGcPeak.accumulateAndGet(used, Math::max);
            }, null, null);
        }
    }

    /** Resets the peaks and notes the starting figures. */
    public synchronized void start() {
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .forEach(MemoryPoolMXBean::resetPeakUsage);
        afterGcPeak.set(0);
        threadsAtStart = namedThreadCpu();
        backendsAtStart.clear();
        backendsLast.clear();
        backendsAtStart.putAll(backends());
        backendsLast.putAll(backendsAtStart);
        running = true;
        sampler = new Thread(() -> {
            while (running) {
                sampleBackends();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "resource-meter");
        sampler.setDaemon(true);
        sampler.start();
        startNanos = System.nanoTime();
        cpuAtStart = OS.getProcessCpuTime();
        gcAtStart = gcMillis();
    }

    /** The collectors' time so far (pauses, and for G1 its concurrent cycles as it reports them). */
    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }

    /**
     * The heap left after a full collection now: about the live data. Stops the application for the
     * collection, so call it once, where the live data matters.
     */
    public static long liveHeapNow() {
        System.gc();
        return heapUsed();
    }

    /** The figures since {@link #start}. */
    public synchronized Usage stop() {
        long cpu = OS.getProcessCpuTime() - cpuAtStart;
        long wall = System.nanoTime() - startNanos;
        running = false;
        sampler.interrupt();
        sampleBackends();
        long heapPeak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long named = 0;
        for (Map.Entry<Long, Long> t : namedThreadCpu().entrySet()) {
            named += t.getValue() - threadsAtStart.getOrDefault(t.getKey(), 0L);
        }
        long roleTicks = 0;
        long otherTicks = 0;
        for (Map.Entry<Long, Backend> b : backendsLast.entrySet()) {
            Backend before = backendsAtStart.get(b.getKey());
            long ticks = b.getValue().ticks() - (before == null ? 0 : before.ticks());
            if (b.getValue().role()) {
                roleTicks += ticks;
            } else {
                otherTicks += ticks;
            }
        }
        return new Usage(Duration.ofNanos(wall), Duration.ofNanos(cpu), Duration.ofNanos(named), heapPeak,
                afterGcPeak.get(), Duration.ofMillis(roleTicks * 1000 / TICKS_PER_SECOND),
                Duration.ofMillis(otherTicks * 1000 / TICKS_PER_SECOND), Duration.ofMillis(gcMillis() - gcAtStart));
    }

    /** The JVM's CPU time so far. */
    public static Duration processCpu() {
        return Duration.ofNanos(OS.getProcessCpuTime());
    }

    /** The heap in use now. */
    public static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Override
    public void close() {
        running = false;
        if (sampler != null) {
            sampler.interrupt();
        }
    }

    private synchronized void sampleBackends() {
        backends().forEach((pid, backend) -> backendsLast.merge(pid, backend,
                (a, b) -> a.ticks() >= b.ticks() ? a : b));
    }

    private static boolean isHeap(String pool) {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .anyMatch(p -> p.getName().equals(pool) && p.getType() == MemoryType.HEAP);
    }

    private Map<Long, Long> namedThreadCpu() {
        Map<Long, Long> out = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(threadPrefix)) {
                long cpu = THREADS.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    out.put(info.getThreadId(), cpu);
                }
            }
        }
        return out;
    }

    /** user + system clock ticks of every PostgreSQL backend connected to the database, by process id. */
    private Map<Long, Backend> backends() {
        Map<Long, Backend> out = new HashMap<>();
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return out;
        }
        try (Stream<Path> pids = Files.list(proc)) {
            pids.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    // "postgres: [cluster: ]<role> <database> <client> <state>"
                    String cmdline = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                    if (!cmdline.startsWith("postgres: ")) {
                        return;
                    }
                    List<String> words = List.of(cmdline.trim().split(" +"));
                    int at = words.indexOf(database);
                    if (at < 2) {
                        return;
                    }
                    String stat = Files.readString(p.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // After the command: the state is field 3 of stat(5), utime and stime fields 14 and 15.
                    out.put(Long.parseLong(p.getFileName().toString()), new Backend(role.equals(words.get(at - 1)),
                            Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
                } catch (IOException | RuntimeException e) {
                    // The process ended meanwhile, or is not ours to read.
                }
            });
        } catch (IOException e) {
            return out;
        }
        return out;
    }
}
