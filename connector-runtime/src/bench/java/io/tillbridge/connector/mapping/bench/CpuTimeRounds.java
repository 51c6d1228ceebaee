package io.tillbridge.connector.mapping.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A cross-check of the JMH run on a busy machine: the three engines in alternating rounds in one
 * JVM, each round measured in CPU time and allocated bytes of the measuring thread, so that other
 * processes' load does not enter the ratio.
 */
final class CpuTimeRounds {

    private CpuTimeRounds() {
    }

    interface Pass {
        void run(Blackhole sink) throws Exception;
    }

    static void run(int rounds, int passesPerRound) throws Exception {
        MappingBench bench = new MappingBench();
        bench.setUp();
        Blackhole sink = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        Map<String, Pass> engines = new LinkedHashMap<>();
        engines.put("tillbridge", bench::tillbridge);
        engines.put("jslt", bench::jslt);
        engines.put("jsonata", bench::jsonata);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (Pass pass : engines.values()) { // warm-up
            for (int i = 0; i < passesPerRound * 3; i++) {
                pass.run(sink);
            }
        }
        Map<String, List<Double>> perCpuSecond = new LinkedHashMap<>();
        Map<String, Long> bytes = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(engines.keySet());
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < names.size(); k++) {
                String name = names.get((k + r) % names.size());
                Pass pass = engines.get(name);
                long cpu = threads.getCurrentThreadCpuTime();
                long allocated = threads.getThreadAllocatedBytes(thread);
                for (int i = 0; i < passesPerRound; i++) {
                    pass.run(sink);
                }
                long cpuUsed = threads.getCurrentThreadCpuTime() - cpu;
                long records = (long) passesPerRound * MappingBench.ORDERS;
                perCpuSecond.computeIfAbsent(name, n -> new ArrayList<>()).add(records / (cpuUsed / 1e9));
                bytes.put(name, (threads.getThreadAllocatedBytes(thread) - allocated) / records);
            }
        }
        System.out.println();
        System.out.println("G3 cross-check: " + rounds + " alternating rounds of " + passesPerRound + " x " + MappingBench.ORDERS
                + " orders, CPU time of the measuring thread");
        Map<String, Double> medians = new LinkedHashMap<>();
        perCpuSecond.forEach((name, values) -> {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            medians.put(name, sorted[sorted.length / 2]);
            System.out.printf("  %-10s %,12.0f records per CPU-second (median; range %,.0f-%,.0f)  %,8d bytes per record%n",
                    name, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], bytes.get(name));
        });
        System.out.printf("  tillbridge / jslt    = %.2fx%n", medians.get("tillbridge") / medians.get("jslt"));
        System.out.printf("  tillbridge / jsonata = %.2fx%n", medians.get("tillbridge") / medians.get("jsonata"));
    }
}
