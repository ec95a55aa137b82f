package com.example.support;

import io.restassured.RestAssured;
import io.restassured.builder.ResponseBuilder;
import io.restassured.response.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Sends a request exactly as written, for what HTTP clients refuse to send (a request target
 * that is not a valid URI), to the application under test; the answer comes back as a REST
 * Assured response, to check with the usual specifications.
 */
public final class RawHttp {

    private RawHttp() {
    }

    public static Response get(String requestTarget) throws IOException {
        return get(RestAssured.port, requestTarget, Map.of());
    }

    /** A GET to the application on {@code port}, with these headers, each written as given. */
    public static Response get(int port, String requestTarget, Map<String, String> headers) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("GET " + requestTarget + " HTTP/1.1\r\nHost: localhost\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            out.write(request.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** An HTTP/1.1 response with a Content-Length (what Quarkus sends for these). */
    private static Response parse(String raw) {
        int headersEnd = raw.indexOf("\r\n\r\n");
        String[] head = raw.substring(0, headersEnd).split("\r\n");
        ResponseBuilder response = new ResponseBuilder()
                .setStatusCode(Integer.parseInt(head[0].split(" ")[1]))
                .setStatusLine(head[0])
                .setBody(raw.substring(headersEnd + 4));
        for (int i = 1; i < head.length; i++) {
            String name = head[i].substring(0, head[i].indexOf(':'));
            String value = head[i].substring(head[i].indexOf(':') + 1).strip();
            response.setHeader(name, value);
            if (name.equalsIgnoreCase("Content-Type")) {
                response.setContentType(value);
            }
        }
        return response.build();
    }
}
