package io.tillbridge.files;

import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import java.util.Locale;
import java.util.Optional;

/** How an output file is downloaded. */
public enum OutputFormat {
    /** UTF-8 CSV with a header row. */
    CSV("csv", "text/csv; charset=utf-8"),
    /** An Excel workbook (Office Open XML). */
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final String extension;
    private final String mediaType;

    OutputFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format named {@code csv} or {@code xlsx} (any case); empty for anything else. */
    public static Optional<OutputFormat> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (OutputFormat format : values()) {
            if (format.extension.equals(wanted)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The format asked for; 400 for one that is not csv or xlsx. */
    public static OutputFormat parse(String name) {
        return named(name).orElseThrow(() -> new ProblemException(ProblemType.BAD_REQUEST,
                "format must be csv or xlsx, not " + (name.length() > 20 ? name.substring(0, 20) + "..." : name) + "."));
    }
}
