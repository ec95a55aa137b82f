package com.example.deploy.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/** Splits rendered YAML into its documents, each a tree of maps, lists and scalars. */
final class Manifests {

    private Manifests() {
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parse(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : loader().loadAll(yaml)) {
            if (document == null) {
                continue;
            }
            if (!(document instanceof Map)) {
                throw new AssertionError("a rendered document is not an object: " + document);
            }
            documents.add((Map<String, Object>) document);
        }
        return documents;
    }

    /**
     * A loader that types scalars as Kubernetes does, so that the schema check sees what the API
     * server would: unquoted numbers and booleans as such, everything else as text. SnakeYAML's
     * default would also turn a date-like string into a Date.
     */
    private static Yaml loader() {
        Resolver kubernetesScalars = new Resolver() {
            @Override
            protected void addImplicitResolvers() {
                addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
                addImplicitResolver(Tag.INT, INT, "-+0123456789");
                addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
                addImplicitResolver(Tag.NULL, NULL, "~nN\0");
                addImplicitResolver(Tag.NULL, EMPTY, null);
            }
        };
        LoaderOptions options = new LoaderOptions();
        DumperOptions unused = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(unused), unused, options, kubernetesScalars);
    }
}
