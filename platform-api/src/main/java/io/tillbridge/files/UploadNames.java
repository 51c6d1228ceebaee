package io.tillbridge.files;

import io.tillbridge.problems.Problem;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import java.util.List;

/**
 * The name an uploaded file is kept under. A name comes from the uploader (a query parameter, a
 * Content-Disposition header, a form part's file name) and is hostile: only its last path segment
 * is kept (no directories, whether written with {@code /} or {@code \}), control and formatting
 * characters (line breaks, NUL, right-to-left overrides) are removed, white space is collapsed, and
 * it is cut to {@value #MAX_LENGTH} characters, keeping its extension. A name that is empty, or only
 * dots, after that is refused.
 */
public final class UploadNames {

    /** The longest name kept, in characters. */
    public static final int MAX_LENGTH = 255;

    private UploadNames() {
    }

    /**
     * The name {@code given} is kept under.
     *
     * @throws ProblemException 400 validation-failed (field {@code name}) when nothing usable is left
     */
    public static String sanitise(String given) {
        if (given == null || given.isBlank()) {
            throw invalid("give the file's name: ?name=sales.csv, a Content-Disposition filename, or the form"
                    + " part's file name");
        }
        String name = given;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        if (slash >= 0) {
            name = name.substring(slash + 1);
        }
        StringBuilder kept = new StringBuilder(Math.min(name.length(), MAX_LENGTH * 2));
        name.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                if (kept.length() > 0 && kept.charAt(kept.length() - 1) != ' ') {
                    kept.append(' ');
                }
            } else if (type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
                    && type != Character.SURROGATE && type != Character.PRIVATE_USE) {
                kept.appendCodePoint(cp);
            }
        });
        String clean = kept.toString().strip();
        if (clean.isEmpty() || clean.chars().allMatch(c -> c == '.')) {
            throw invalid("the file's name has nothing usable left once directories and control characters are"
                    + " removed: give a name such as sales.csv");
        }
        return cut(clean);
    }

    /** At most {@value #MAX_LENGTH} characters, whole code points, keeping a short extension. */
    private static String cut(String name) {
        if (name.length() <= MAX_LENGTH) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        int room = MAX_LENGTH - extension.length();
        int end = name.offsetByCodePoints(0, name.codePointCount(0, room));
        if (end > room) {
            end = name.offsetByCodePoints(0, name.codePointCount(0, room) - 1);
        }
        return name.substring(0, end).strip() + extension;
    }

    private static ProblemException invalid(String message) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, "name: " + message,
                List.of(new Problem.FieldError("name", message)));
    }
}
