package dev.arca.client.command;

import dev.arca.client.state.Credentials;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import picocli.CommandLine;

/**
 * Option defaults from the environment and the config file, so that what a user always types can
 * be said once. For option {@code --delete-limit} of {@code arca sync}, the first found wins:
 * the command line; the environment variable {@code ARCA_SYNC_DELETE_LIMIT}; the key
 * {@code sync.delete-limit} in {@code config.properties} in the config directory; the key
 * {@code delete-limit} there (for every command that has the option); the built-in default.
 */
final class ConfigDefaults implements CommandLine.IDefaultValueProvider {

    static final String FILE = "config.properties";

    private Properties file;

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec arg) {
        if (!(arg instanceof CommandLine.Model.OptionSpec option) || option.command() == null) {
            return null;
        }
        String name = option.longestName().replaceFirst("^-+", "");
        String command = option.command().name();
        String env = System.getenv(("ARCA_" + command + "_" + name).toUpperCase(Locale.ROOT).replace('-', '_'));
        if (env != null) {
            return env;
        }
        Properties config = file();
        return config.getProperty(command + "." + name, config.getProperty(name));
    }

    private Properties file() {
        if (file == null) {
            file = new Properties();
            Path path = Credentials.configDirectory().resolve(FILE);
            if (Files.isRegularFile(path)) {
                try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                    file.load(in);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + path, e);
                }
            }
        }
        return file;
    }
}
