package com.example.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives every request an id, before any other route sees it: the caller's {@code X-Request-Id}
 * when it is 1 to 128 visible ASCII characters, a new UUID otherwise (an id that is too long or
 * holds control characters is replaced, never echoed). The id goes back in the response header,
 * into every problem body, and into the logging context ({@code requestId}), so that each log
 * line written while serving the request carries it.
 *
 * <p>Quarkus keeps the logging context in the request's Vert.x context, which follows the
 * request onto worker threads and ends with it: nothing here has to clear it.
 */
@ApplicationScoped
public class RequestId {

    public static final String HEADER = "X-Request-Id";
    /** The logging context key; JSON log lines show it under {@code mdc}. */
    public static final String LOG_KEY = "requestId";
    static final int MAX_LENGTH = 128;

    void register(@Observes Router router) {
        // Only Quarkus's dev-mode reload handler (Integer.MIN_VALUE) goes first.
        router.route().order(Integer.MIN_VALUE + 1).handler(this::assign);
    }

    private void assign(RoutingContext context) {
        String given = context.request().getHeader(HEADER);
        String id = isAcceptable(given) ? given : randomUuid();
        MDC.put(LOG_KEY, id);
        context.response().putHeader(HEADER, id);
        context.next();
    }

    /**
     * A random (version 4) UUID. From a fast generator, not {@link UUID#randomUUID()}'s secure
     * one, which costs a lock and a system call per request: an id correlates, it guards nothing.
     */
    static String randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;              // version 4
        long low = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | Long.MIN_VALUE; // the IETF variant
        return new UUID(high, low).toString();
    }

    /** The id of the request being served on this thread, if any. */
    public static Optional<String> current() {
        return Optional.ofNullable(MDC.get(LOG_KEY)).map(Object::toString);
    }

    /** 1 to {@value #MAX_LENGTH} characters, each visible ASCII ('!' to '~'). */
    static boolean isAcceptable(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '!' || c > '~') {
                return false;
            }
        }
        return true;
    }
}
