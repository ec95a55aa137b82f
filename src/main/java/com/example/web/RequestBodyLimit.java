package com.example.web;

import com.example.web.problem.ProblemException;
import com.example.web.problem.ProblemTypes;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies larger than {@code api.max-body-size} with a 413 problem, whether the
 * client declares the length or streams the body in chunks; reading stops at the limit.
 *
 * <p>Quarkus's own {@code quarkus.http.limits.max-body-size} stays as the transport's hard cap
 * above this one: it answers with a bare 413 before any of this code runs.
 */
@Provider
public class RequestBodyLimit implements ReaderInterceptor {

    private final long limit;

    RequestBodyLimit(@ConfigProperty(name = "api.max-body-size") MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        String declared = context.getHeaders().getFirst(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && isOver(declared)) {
            throw tooLarge();
        }
        context.setInputStream(new LimitedStream(context.getInputStream()));
        return context.proceed();
    }

    private boolean isOver(String declaredLength) {
        try {
            return Long.parseLong(declaredLength.strip()) > limit;
        } catch (NumberFormatException e) {
            return false; // the HTTP layer rejects a malformed Content-Length
        }
    }

    private ProblemException tooLarge() {
        // The unread rest of the body must not be taken for the next request: close.
        return new ProblemException(Status.REQUEST_ENTITY_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE,
                "Payload too large", "The request body exceeds " + limit + " bytes.")
                .withHeader("Connection", "close");
    }

    private final class LimitedStream extends FilterInputStream {
        private long count;

        LimitedStream(InputStream in) {
            super(in);
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
                throw tooLarge();
            }
        }
    }
}
