package com.example.web;

import com.example.web.problem.ProblemException;
import com.example.web.problem.ProblemTypes;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Stops reading a request body that grows past {@code api.max-body-size} and answers 413.
 * This covers bodies streamed in chunks, whose size nobody declared; a declared
 * {@code Content-Length} over the limit is refused earlier, unread, by {@link DeclaredBodyLimit}.
 */
@Provider
public class RequestBodyLimit implements ReaderInterceptor {

    /** Looked up per request: JAX-RS providers are built at static init, before runtime config exists. */
    private final Instance<ApiConfig> api;

    RequestBodyLimit(Instance<ApiConfig> api) {
        this.api = api;
    }

    static String detail(long limit) {
        return "The request body exceeds " + limit + " bytes.";
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new LimitedStream(context.getInputStream(), api.get().maxBodySize().asLongValue()));
        return context.proceed();
    }

    private static ProblemException tooLarge(long limit) {
        // The unread rest of the body must not be taken for the next request: close.
        return new ProblemException(Status.REQUEST_ENTITY_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE,
                ProblemTypes.PAYLOAD_TOO_LARGE_TITLE, detail(limit))
                .withHeader("Connection", "close");
    }

    private static final class LimitedStream extends FilterInputStream {
        private final long limit;
        private long count;

        LimitedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > limit) {
                throw tooLarge(limit);
            }
        }
    }
}
