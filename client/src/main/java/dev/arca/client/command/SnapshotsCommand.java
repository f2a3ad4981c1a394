package dev.arca.client.command;

import dev.arca.client.backup.Snapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** {@code arca snapshots --repo PATH [--json]}: lists the snapshots, oldest first. */
@Command(name = "snapshots", mixinStandardHelpOptions = true, description = "List the snapshots of a repository.")
final class SnapshotsCommand implements Callable<Integer> {

    @Mixin
    RepositoryOption repository;

    @Option(names = "--json", description = "Print a JSON array of snapshots, each with its id.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        return repository.run(false, false, err, "", repo -> {
            List<Snapshot> snapshots = repo.snapshots();
            if (json) {
                List<Map<String, Object>> list = snapshots.stream().map(SnapshotsCommand::summary).toList();
                out.println(JsonMapper.builder().build().writeValueAsString(list));
            } else {
                out.printf("%-16s  %-20s  %-16s  %8s  %14s  %s%n", "ID", "TIME", "HOST", "FILES", "BYTES", "FOLDER");
                for (Snapshot s : snapshots) {
                    out.printf("%-16s  %-20s  %-16s  %8d  %14d  %s%n", s.id(),
                            s.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), s.host(), s.files(), s.bytes(),
                            s.source());
                }
            }
            return ExitCodes.OK;
        });
    }

    static Map<String, Object> summary(Snapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("time", s.time().toString());
        m.put("host", s.host());
        m.put("source", s.source());
        m.put("parent", s.parent());
        m.put("files", s.files());
        m.put("bytes", s.bytes());
        return m;
    }
}
