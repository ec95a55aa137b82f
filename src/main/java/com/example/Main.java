package com.example;

import com.example.database.migrate.MigrateCommand;
import com.example.web.MalformedRequestUri;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The service's entry point: {@code java -jar quarkus-run.jar} serves HTTP,
 * {@code java -jar quarkus-run.jar migrate} migrates the database and exits.
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        MalformedRequestUri.takeOverFromQuarkus();
        String command = args.length == 0 ? "serve" : args[0];
        switch (command) {
            case "serve" -> Quarkus.run(args);
            case MigrateCommand.NAME -> {
                MigrateCommand.prepare();
                Quarkus.run(MigrateCommand.class, args);
            }
            default -> {
                System.err.println("Unknown command '" + command + "': run without arguments to serve HTTP, or with '"
                        + MigrateCommand.NAME + "' to migrate the database and exit.");
                System.exit(2);
            }
        }
    }
}
