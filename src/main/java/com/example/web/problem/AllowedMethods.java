package com.example.web.problem;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The methods each API path supports, for the {@code Allow} header that RFC 9110 requires on a
 * 405. Quarkus REST answers 405 without it, so it is read once from the resource classes.
 */
@Singleton
class AllowedMethods {

    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})*))?}");

    private record Route(Pattern path, TreeSet<String> methods) {
    }

    private final List<Route> routes = new ArrayList<>();

    AllowedMethods(BeanManager beans) {
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Path root = bean.getBeanClass().getAnnotation(Path.class);
            if (root != null) {
                for (Method method : bean.getBeanClass().getMethods()) {
                    httpMethod(method).ifPresent(verb -> add(join(root.value(), method.getAnnotation(Path.class)), verb));
                }
            }
        }
    }

    /** The value of the Allow header for {@code path}, if any resource serves it. */
    Optional<String> forPath(String path) {
        TreeSet<String> allowed = new TreeSet<>();
        routes.stream().filter(route -> route.path().matcher(path).matches()).forEach(route -> allowed.addAll(route.methods()));
        if (allowed.isEmpty()) {
            return Optional.empty();
        }
        // Quarkus REST answers HEAD for every GET and OPTIONS for every resource.
        if (allowed.contains(HttpMethod.GET)) {
            allowed.add(HttpMethod.HEAD);
        }
        allowed.add(HttpMethod.OPTIONS);
        return Optional.of(String.join(", ", allowed));
    }

    private void add(String template, String verb) {
        Pattern path = Pattern.compile(toRegex(template));
        routes.stream().filter(route -> route.path().pattern().equals(path.pattern())).findFirst()
                .orElseGet(() -> {
                    Route route = new Route(path, new TreeSet<>());
                    routes.add(route);
                    return route;
                })
                .methods().add(verb);
    }

    private static Optional<String> httpMethod(Method method) {
        return Arrays.stream(method.getAnnotations())
                .map(Annotation::annotationType)
                .map(type -> type.getAnnotation(HttpMethod.class))
                .filter(Objects::nonNull)
                .map(HttpMethod::value)
                .findFirst();
    }

    private static String join(String root, Path sub) {
        String joined = sub == null ? root : root + "/" + sub.value();
        return ("/" + joined).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
    }

    /** {@code /api/products/{id}} → a regex; {@code {id: \d+}} keeps its own regex. */
    private static String toRegex(String template) {
        StringBuilder regex = new StringBuilder();
        var matcher = PARAMETER.matcher(template);
        int last = 0;
        while (matcher.find()) {
            regex.append(Pattern.quote(template.substring(last, matcher.start())));
            regex.append(matcher.group(1) == null ? "[^/]+" : "(?:" + matcher.group(1).strip() + ")");
            last = matcher.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return regex + "/?";
    }
}
