package dev.arca.client;

import dev.arca.client.command.ArcaCommand;
import picocli.CommandLine;

/** Entry point of the {@code arca} command-line client. */
public final class Arca {

    private Arca() {}

    public static void main(String[] args) {
        System.exit(ArcaCommand.commandLine().execute(args));
    }
}
