package io.tillbridge.connector.mapping.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs G3 ({@link MappingBench}) in one JMH run: single thread, one fork, GC profiler for the
 * allocation per record, and prints records/s, bytes per record and the ratios.
 */
public final class MappingBenchMain {

    private MappingBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        ReferenceMappingsCheck.verifySameRows(200);
        int warmups = Integer.getInteger("bench.warmups", 3);
        int iterations = Integer.getInteger("bench.iterations", 5);
        Options options = new OptionsBuilder()
                .include(MappingBench.class.getName() + "\\.")
                .threads(1)
                .forks(1)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(3))
                .jvmArgs("-Xms1g", "-Xmx1g")
                .addProfiler("gc")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> summary = new LinkedHashMap<>();
        for (RunResult run : results) {
            String name = run.getParams().getBenchmark().replaceAll(".*\\.", "");
            Result<?> primary = run.getPrimaryResult();
            Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
            summary.put(name, new double[] {primary.getScore(), primary.getScoreError(),
                    alloc == null ? Double.NaN : alloc.getScore()});
        }
        System.out.println();
        System.out.println("G3 summary (records = orders; one order has 1-5 line items, 3 on average)");
        summary.forEach((name, s) -> System.out.printf("  %-10s %,12.0f records/s (+- %,.0f)  %,8.0f bytes allocated per record%n",
                name, s[0], s[1], s[2]));
        double tb = summary.get("tillbridge")[0];
        System.out.printf("  tillbridge / jslt    = %.2fx (goal >= 1.0x)%n", tb / summary.get("jslt")[0]);
        System.out.printf("  tillbridge / jsonata = %.2fx (goal >= 3x)%n", tb / summary.get("jsonata")[0]);
        CpuTimeRounds.run(Integer.getInteger("bench.cpuRounds", 7), 5);
    }
}
