package dev.arca.client.command;

import picocli.CommandLine.Command;

/**
 * {@code arca key list|add|remove|passwd [--repo PATH]}: the passwords of an encrypted repository,
 * in a folder or on the server.
 */
@Command(name = "key", mixinStandardHelpOptions = true,
        description = "List, add, remove or change the passwords of an encrypted backup repository.",
        subcommands = {KeyListCommand.class, KeyAddCommand.class, KeyRemoveCommand.class, KeyPasswdCommand.class})
final class KeyCommand {
}
