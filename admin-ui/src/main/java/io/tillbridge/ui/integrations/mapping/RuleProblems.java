package io.tillbridge.ui.integrations.mapping;

import io.tillbridge.connector.mapping.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mapping engine's errors placed at the rules they are about: by the rule's position among the
 * mapped rules ({@code fields[2].target}) or by its target field ({@code total}); the rest (steps,
 * grouping, the mapping as a whole) stay general.
 *
 * @param byRule each rule's problems in words, with how to fix them
 * @param general the errors no rule owns, with their paths
 */
record RuleProblems(Map<RuleDraft, String> byRule, List<String> general) {

    private static final Pattern FIELD_INDEX = Pattern.compile("^fields\\[(\\d+)](.*)$");

    static RuleProblems place(List<RuleDraft> drafts, List<FieldError> errors) {
        List<RuleDraft> mapped = drafts.stream().filter(RuleDraft::mapped).toList();
        Map<RuleDraft, String> byRule = new LinkedHashMap<>();
        List<String> general = new ArrayList<>();
        for (FieldError error : errors) {
            Matcher m = FIELD_INDEX.matcher(error.path());
            RuleDraft owner = m.matches() && Integer.parseInt(m.group(1)) < mapped.size()
                    ? mapped.get(Integer.parseInt(m.group(1)))
                    : drafts.stream().filter(d -> d.target.equals(error.path())).findFirst().orElse(null);
            String text = error.message() + (error.hint().isEmpty() ? "" : ". Fix: " + error.hint());
            if (owner == null) {
                general.add(error.path() + ": " + text);
            } else {
                byRule.merge(owner, text, (a, b) -> a + "; " + b);
            }
        }
        return new RuleProblems(byRule, general);
    }
}
