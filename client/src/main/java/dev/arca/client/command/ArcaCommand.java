package dev.arca.client.command;

import dev.arca.protocol.api.ProtocolVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code arca} root command. Exit codes of every command: {@value ExitCodes#OK} success,
 * {@value ExitCodes#USAGE} wrong usage, {@value ExitCodes#AUTH} refused credentials,
 * {@value ExitCodes#UNREACHABLE} server unreachable or speaking another protocol,
 * {@value ExitCodes#THROTTLED} too many attempts, {@value ExitCodes#LOCAL} local file error,
 * {@value ExitCodes#DAMAGED} a check found missing or damaged data, {@value ExitCodes#REFUSED} the
 * server refused the request (over quota, too large), {@value ExitCodes#HELD} changes held back
 * until confirmed (a mass delete).
 */
@Command(name = "arca", mixinStandardHelpOptions = true, versionProvider = ArcaCommand.Version.class,
        description = "Sync, back up and transfer your media with an Arca server.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "2:wrong usage", "3:credentials refused", "4:server unreachable or of another "
                + "protocol", "5:too many attempts", "6:local file or repository error",
                "7:a check found missing or damaged data", "8:the server refused the request (quota, size)",
                "9:changes were held back until confirmed (a mass delete)"},
        subcommands = {LoginCommand.class, UploadCommand.class, SyncCommand.class, SendCommand.class, ReceiveCommand.class, BackupCommand.class, SnapshotsCommand.class, RestoreCommand.class,
                ForgetCommand.class, CheckCommand.class, KeyCommand.class, MigrateCommand.class, PolicyCommand.class, CommandLine.HelpCommand.class})
public final class ArcaCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A command line with Arca's exit codes and error handling, ready to execute. */
    public static CommandLine commandLine() {
        return new CommandLine(new ArcaCommand()).setDefaultValueProvider(new ConfigDefaults());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String version() {
        try (InputStream in = ArcaCommand.class.getResourceAsStream("/arca-client.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"arca " + version() + " (protocol " + ProtocolVersion.CURRENT + ")"};
        }
    }
}
