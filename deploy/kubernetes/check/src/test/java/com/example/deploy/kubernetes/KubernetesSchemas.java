package com.example.deploy.kubernetes;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonSyntaxException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Validates rendered objects against the Kubernetes 1.32 API, offline, with the models that the
 * official Java client (client-java-api 23) generates from that API's OpenAPI document. Their
 * {@code fromJson} rejects unknown fields (a misspelled {@code readinesProbe}) and missing
 * required ones at every level; with the strict scalars installed below it also rejects a value
 * of the wrong type, which the API server rejects too.
 */
final class KubernetesSchemas {

    /** An object the API server would refuse. */
    static final class InvalidObjectException extends Exception {
        InvalidObjectException(String message) {
            super(message);
        }
    }

    @FunctionalInterface
    private interface Parser {
        Object parse(String json) throws IOException;
    }

    /**
     * The kinds these manifests may contain, by "apiVersion kind". A kind missing here fails the
     * check rather than passing unchecked: add its model when an overlay needs it. Secret is left
     * out on purpose: credentials are created out of band, never shipped in the manifests.
     */
    private static final Map<String, Parser> MODELS = Map.of(
            "v1 ConfigMap", V1ConfigMap::fromJson,
            "v1 Service", V1Service::fromJson,
            "v1 ServiceAccount", V1ServiceAccount::fromJson,
            "apps/v1 Deployment", V1Deployment::fromJson,
            "batch/v1 Job", V1Job::fromJson,
            "autoscaling/v2 HorizontalPodAutoscaler", V2HorizontalPodAutoscaler::fromJson,
            "policy/v1 PodDisruptionBudget", V1PodDisruptionBudget::fromJson,
            "networking.k8s.io/v1 NetworkPolicy", V1NetworkPolicy::fromJson,
            "networking.k8s.io/v1 Ingress", V1Ingress::fromJson);

    private static final Gson TREE = new Gson();

    static {
        requireExactScalarTypes();
    }

    private KubernetesSchemas() {
    }

    /** The object as its model; throws if the API server would reject it. */
    static Object validate(Map<String, Object> document) throws InvalidObjectException {
        String type = document.get("apiVersion") + " " + document.get("kind");
        String object = type + " " + name(document);
        Parser model = MODELS.get(type);
        if (model == null) {
            throw new InvalidObjectException(object + ": not a kind this check knows (known: "
                    + String.join(", ", new TreeSet<>(MODELS.keySet())) + ")");
        }
        try {
            return model.parse(TREE.toJson(document));
        } catch (IOException | RuntimeException e) {
            throw new InvalidObjectException(object + ": " + rootMessage(e));
        }
    }

    private static Object name(Map<String, Object> document) {
        return document.get("metadata") instanceof Map<?, ?> metadata ? metadata.get("name") : null;
    }

    /** The innermost cause, without the copy of the whole object that the models append. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        int json = message.indexOf(" JSON: ");
        return json > 0 ? message.substring(0, json) : message;
    }

    /**
     * Gson, which the models use, quietly turns "3" into 3, "false" into false, 1 into "1" and
     * 30.5 into 30; the API server refuses each. So numbers, booleans and strings must arrive as
     * such, and whole numbers whole. (Quantities and int-or-string fields have adapters of their
     * own, which accept a number or a string, as the API does.)
     */
    private static void requireExactScalarTypes() {
        Gson models = JSON.getGson();
        GsonBuilder strict = models.newBuilder();
        for (Class<?> type : new Class<?>[] {Integer.class, int.class}) {
            strict.registerTypeAdapter(type, wholeNumber(BigDecimal::intValueExact));
        }
        for (Class<?> type : new Class<?>[] {Long.class, long.class}) {
            strict.registerTypeAdapter(type, wholeNumber(BigDecimal::longValueExact));
        }
        for (Class<?> type : new Class<?>[] {Double.class, double.class, Float.class, float.class}) {
            strict.registerTypeAdapter(type, exactly(JsonToken.NUMBER, models.getAdapter(type)));
        }
        strict.registerTypeAdapter(Boolean.class, exactly(JsonToken.BOOLEAN, models.getAdapter(Boolean.class)));
        strict.registerTypeAdapter(boolean.class, exactly(JsonToken.BOOLEAN, models.getAdapter(boolean.class)));
        strict.registerTypeAdapter(String.class, exactly(JsonToken.STRING, models.getAdapter(String.class)));
        JSON.setGson(strict.create());
    }

    private static <T> TypeAdapter<T> exactly(JsonToken expected, TypeAdapter<T> delegate) {
        return new TypeAdapter<>() {
            @Override
            public void write(JsonWriter out, T value) throws IOException {
                delegate.write(out, value);
            }

            @Override
            public T read(JsonReader in) throws IOException {
                requireToken(in, expected);
                return delegate.read(in);
            }
        };
    }

    /** An int32 or int64 field: a JSON number without a fraction, within the type's range. */
    private static <T extends Number> TypeAdapter<T> wholeNumber(Function<BigDecimal, T> exactValue) {
        return new TypeAdapter<>() {
            @Override
            public void write(JsonWriter out, T value) throws IOException {
                out.value(value);
            }

            @Override
            public T read(JsonReader in) throws IOException {
                requireToken(in, JsonToken.NUMBER);
                if (in.peek() == JsonToken.NULL) {
                    in.nextNull();
                    return null;
                }
                String path = in.getPath();
                String number = in.nextString();
                try {
                    return exactValue.apply(new BigDecimal(number));
                } catch (ArithmeticException e) {
                    throw new JsonSyntaxException("expected a whole number in range but was " + number + " at " + path);
                }
            }
        };
    }

    private static void requireToken(JsonReader in, JsonToken expected) throws IOException {
        JsonToken actual = in.peek();
        if (actual != expected && actual != JsonToken.NULL) {
            throw new JsonSyntaxException("expected " + expected.name().toLowerCase(Locale.ROOT) + " but was "
                    + actual.name().toLowerCase(Locale.ROOT) + " at " + in.getPath());
        }
    }
}
