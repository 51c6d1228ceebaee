package io.tillbridge.connector.mapping;

import io.tillbridge.connector.spi.FieldDescriptor;
import io.tillbridge.connector.spi.FieldDescriptor.FieldType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Proposes source-to-target field pairs by name similarity, known synonyms and type compatibility,
 * each with a confidence between 0 and 1.
 */
public final class FieldSuggestions {

    /** Confidence below which no pair is proposed. */
    public static final double THRESHOLD = 0.45;

    /** One proposed pair: map {@code source} to {@code target}. */
    public record Suggestion(String source, String target, double confidence, String reason) {
    }

    private static final List<Set<String>> SYNONYMS = List.of(
            Set.of("sku", "itemcode", "productcode", "articlenumber", "itemnumber", "upc"),
            Set.of("totalmoney", "amount", "total", "totalamount", "grandtotal", "amountmoney"),
            Set.of("quantity", "qty", "units"),
            Set.of("createdat", "created", "orderdate", "date", "timestamp", "createdtime", "transactiondate"),
            Set.of("updatedat", "updated", "modifiedat", "lastmodified"),
            Set.of("email", "emailaddress", "mail"),
            Set.of("price", "unitprice", "basepricemoney", "unitamount"),
            Set.of("tax", "taxamount", "totaltaxmoney", "vat"),
            Set.of("tip", "tipamount", "totaltipmoney", "gratuity"),
            Set.of("discount", "discountamount", "totaldiscountmoney"),
            Set.of("location", "locationid", "store", "storeid", "outlet", "outletid", "site"),
            Set.of("customer", "customerid", "clientid", "buyerid"),
            Set.of("paymentmethod", "tendertype", "sourcetype", "method", "paymenttype"),
            Set.of("currency", "currencycode"),
            Set.of("name", "title", "itemname", "productname"),
            Set.of("phone", "phonenumber", "telephone", "mobile"),
            Set.of("state", "status"),
            Set.of("id", "key", "externalid", "reference"));

    private FieldSuggestions() {
    }

    /** For each target field the best source field, if any reaches {@link #THRESHOLD}; best first. */
    public static List<Suggestion> suggest(List<FieldDescriptor> source, List<FieldDescriptor> target) {
        List<Suggestion> suggestions = new ArrayList<>();
        Set<String> used = new HashSet<>();
        List<Suggestion> all = new ArrayList<>();
        for (FieldDescriptor t : target) {
            for (FieldDescriptor s : source) {
                if (s.type() == FieldType.OBJECT || s.type() == FieldType.ARRAY) {
                    continue;
                }
                Suggestion candidate = score(s, t);
                if (candidate.confidence() >= THRESHOLD) {
                    all.add(candidate);
                }
            }
        }
        all.sort(Comparator.comparingDouble(Suggestion::confidence).reversed()
                .thenComparing(Suggestion::target).thenComparing(Suggestion::source));
        Set<String> targetsDone = new HashSet<>();
        for (Suggestion s : all) {
            if (!targetsDone.contains(s.target()) && !used.contains(s.source())) {
                suggestions.add(s);
                targetsDone.add(s.target());
                used.add(s.source());
            }
        }
        return suggestions;
    }

    static Suggestion score(FieldDescriptor source, FieldDescriptor target) {
        String s = normalize(source.name());
        String t = normalize(target.name());
        String sLast = normalize(last(source.name()));
        String sParent = normalize(parent(source.name()));
        double name;
        String reason;
        if (s.equals(t)) {
            name = 1.0;
            reason = "same name";
        } else if (synonyms(s, t) || synonyms(sParent, t) && !sParent.isEmpty()) {
            name = 0.9;
            reason = "known synonym";
        } else if (sLast.equals(t)) {
            name = 0.8;
            reason = "same name as the nested field";
        } else if (synonyms(sLast, t)) {
            name = 0.7;
            reason = "nested field is a known synonym";
        } else if (sharesWords(source.name(), target.name())) {
            name = 0.6;
            reason = "one name contains the other's words";
        } else {
            name = 1.0 - (double) levenshtein(s, t) / Math.max(s.length(), t.length());
            reason = "similar name";
        }
        boolean compatible = compatible(source.type(), target.type());
        double confidence = compatible ? name : name * 0.5;
        if (!compatible) {
            reason += ", but " + source.type().name().toLowerCase(Locale.ROOT) + " into "
                    + target.type().name().toLowerCase(Locale.ROOT) + " needs a cast";
        }
        return new Suggestion(source.name(), target.name(), Math.round(confidence * 100) / 100.0, reason);
    }

    /** Whether all words of one name are words of the other ({@code id} and {@code order_id}). */
    private static boolean sharesWords(String a, String b) {
        Set<String> wa = words(a);
        Set<String> wb = words(b);
        return !wa.isEmpty() && !wb.isEmpty() && (wa.containsAll(wb) || wb.containsAll(wa));
    }

    private static Set<String> words(String name) {
        Set<String> words = new HashSet<>();
        for (String w : last(name).split("(?<=[a-z0-9])(?=[A-Z])|[^A-Za-z0-9]+")) {
            if (!w.isEmpty()) {
                words.add(w.toLowerCase(Locale.ROOT));
            }
        }
        return words;
    }

    private static boolean compatible(FieldType source, FieldType target) {
        return source == target || source == FieldType.UNKNOWN || target == FieldType.UNKNOWN
                || target == FieldType.STRING && source != FieldType.OBJECT && source != FieldType.ARRAY;
    }

    private static final Map<String, Integer> GROUP = new HashMap<>();

    static {
        for (int i = 0; i < SYNONYMS.size(); i++) {
            for (String name : SYNONYMS.get(i)) {
                GROUP.putIfAbsent(name, i);
            }
        }
    }

    private static boolean synonyms(String a, String b) {
        Integer ga = GROUP.get(a);
        return ga != null && ga.equals(GROUP.get(b));
    }

    static String normalize(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    private static String last(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static String parent(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : last(path.substring(0, dot));
    }

    /** The closest name among {@code candidates}, for "did you mean" hints; empty if none is close. */
    static String closest(String name, Iterable<String> candidates) {
        String best = "";
        double bestScore = 0.5;
        String n = normalize(name);
        for (String c : candidates) {
            String nc = normalize(c);
            double score = n.equals(nc) || synonyms(n, nc) ? 1.0
                    : 1.0 - (double) levenshtein(n, nc) / Math.max(1, Math.max(n.length(), nc.length()));
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return best;
    }

    private static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
