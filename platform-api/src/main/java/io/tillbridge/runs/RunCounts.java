package io.tillbridge.runs;

/**
 * How many records a run has handled so far (totals, not increments).
 *
 * @param read records read from the source
 * @param written records written to the target
 * @param unchanged records skipped because the target already has this version
 * @param failed records sent to the error inbox
 */
public record RunCounts(long read, long written, long unchanged, long failed) {

    public static final RunCounts NONE = new RunCounts(0, 0, 0, 0);

    public RunCounts {
        if (read < 0 || written < 0 || unchanged < 0 || failed < 0) {
            throw new IllegalArgumentException("Run counts cannot be negative");
        }
    }
}
