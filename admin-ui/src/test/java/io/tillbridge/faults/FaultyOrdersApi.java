package io.tillbridge.faults;

import io.tillbridge.testing.ScriptedApi;
import io.tillbridge.testing.ScriptedApi.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local orders API for the fault tests, shaped like the page-number APIs of the vendor notes
 * (Toast): {@code GET /orders/{dataset}?page=N} with a bearer token answers
 * {@code {"data":[...]}} with {@value #PAGE_SIZE} orders a page and an empty page after the last.
 * Each dataset can be scripted to answer slowly (a delay per page), to answer one page with 429
 * and {@code Retry-After}, or to cut one page's body in the middle. Every request is logged with the
 * monotonic time it arrived, so tests can check when a client came back. A configuration of the
 * {@link ScriptedApi}.
 */
final class FaultyOrdersApi implements AutoCloseable {

    static final String TOKEN = "fault-suite-token-7c1e";
    static final int PAGE_SIZE = 10;

    /** One request: when it arrived ({@link System#nanoTime()}), for which dataset and page, and the answer. */
    record Request(long atNanos, String dataset, int page, int status, boolean truncated) {
    }

    private static final class Dataset {
        final int size;
        volatile Duration delayPerPage = Duration.ZERO;
        volatile int rateLimitedPage = -1;
        volatile int retryAfterSeconds;
        volatile int truncatedPage = -1;

        Dataset(int size) {
            this.size = size;
        }
    }

    private final ScriptedApi server = ScriptedApi.start();
    private final Map<String, Dataset> datasets = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    FaultyOrdersApi() {
        server.route("/orders/", this::answer);
    }

    /** Holds {@code size} orders under {@code /orders/{name}}: ids {@code name-0001}..., distinct update times. */
    void dataset(String name, int size) {
        datasets.put(name, new Dataset(size));
    }

    /** Every page of the dataset is answered after {@code delay}. */
    void slow(String name, Duration delay) {
        datasets.get(name).delayPerPage = delay;
    }

    /** The first request for {@code page} is answered 429 with {@code Retry-After: seconds}. */
    void rateLimitOnce(String name, int page, int seconds) {
        Dataset dataset = datasets.get(name);
        dataset.retryAfterSeconds = seconds;
        dataset.rateLimitedPage = page;
    }

    /** The first answer for {@code page} stops in the middle of its JSON body. */
    void truncateOnce(String name, int page) {
        datasets.get(name).truncatedPage = page;
    }

    String url(String name) {
        return server.url("/orders/" + name);
    }

    /** The requests for one dataset, in the order they arrived. */
    List<Request> requests(String name) {
        return requests.stream().filter(r -> r.dataset().equals(name)).toList();
    }

    /** The keys of a dataset's orders, as the warehouse stores them. */
    static List<String> keys(String name, int size) {
        List<String> keys = new ArrayList<>(size);
        for (int i = 1; i <= size; i++) {
            keys.add(id(name, i));
        }
        return keys;
    }

    private static String id(String name, int i) {
        return "%s-%04d".formatted(name, i);
    }

    private Reply answer(ScriptedApi.Request request) {
        String name = request.path().substring("/orders/".length());
        String number = request.parameters().get("page");
        int page = number != null && number.matches("\\d+") ? Integer.parseInt(number) : 1;
        Dataset dataset = datasets.get(name);
        if (dataset == null) {
            return log(request, name, page, Reply.json(404, "{\"errors\":[{\"code\":\"NOT_FOUND\"}]}"));
        }
        if (!request.bearer().filter(TOKEN::equals).isPresent()) {
            return log(request, name, page, Reply.json(401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}"));
        }
        synchronized (dataset) {
            if (dataset.rateLimitedPage == page) {
                dataset.rateLimitedPage = -1;
                return log(request, name, page,
                        Reply.tooManyRequests(Integer.toString(dataset.retryAfterSeconds)).after(dataset.delayPerPage));
            }
        }
        Reply reply = Reply.ok(page(name, dataset.size, page)).after(dataset.delayPerPage);
        synchronized (dataset) {
            if (dataset.truncatedPage == page) {
                dataset.truncatedPage = -1;
                reply = reply.truncated();
            }
        }
        return log(request, name, page, reply);
    }

    private Reply log(ScriptedApi.Request request, String name, int page, Reply reply) {
        requests.add(new Request(request.atNanos(), name, page, reply.status(), reply.cut()));
        return reply;
    }

    private static String page(String name, int size, int page) {
        StringBuilder json = new StringBuilder("{\"data\":[");
        int from = (page - 1) * PAGE_SIZE + 1;
        for (int i = from; i <= Math.min(size, from + PAGE_SIZE - 1); i++) {
            if (i > from) {
                json.append(',');
            }
            json.append("{\"id\":\"").append(id(name, i)).append("\",\"total\":\"").append(i).append(".50\"")
                    .append(",\"updated_at\":\"").append(Instant.parse("2026-03-01T00:00:00Z").plusSeconds(i))
                    .append("\"}");
        }
        return json.append("]}").toString();
    }

    @Override
    public void close() {
        server.close();
    }
}
