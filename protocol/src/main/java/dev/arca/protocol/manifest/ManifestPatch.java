package dev.arca.protocol.manifest;

import dev.arca.protocol.chunk.ContentHash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A manifest described by its differences to a base manifest, so that committing a small change
 * to a large file does not send the whole chunk list again.
 *
 * <pre>
 * arca-manifest-patch 1
 * base &lt;SHA-256 of the base manifest's canonical text&gt;
 * size &lt;bytes&gt;
 * sha256 &lt;the file's SHA-256&gt;
 * = &lt;first&gt; &lt;count&gt;        count chunk references of the base, from index first
 * + &lt;sha256&gt; &lt;length&gt;      one new chunk reference
 * </pre>
 *
 * Every line ends with {@code '\n'}. {@link #apply} checks the base hash, and the result is a
 * {@link FileManifest}, checked as any.
 */
public final class ManifestPatch {

    public static final String HEADER = "arca-manifest-patch 1";

    private ManifestPatch() {}

    /** The SHA-256 of a manifest's canonical text: what a patch names as its base. */
    public static String hashOf(FileManifest manifest) {
        return ContentHash.sha256Hex(manifest.encode().getBytes(StandardCharsets.US_ASCII));
    }

    /** The patch that turns {@code base} into {@code target}: runs of base references where they match, else new ones. */
    public static String diff(FileManifest base, FileManifest target) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = base.chunks().size() - 1; i >= 0; i--) {
            index.put(base.chunks().get(i).sha256() + ":" + base.chunks().get(i).length(), i);
        }
        StringBuilder out = new StringBuilder(HEADER).append('\n')
                .append("base ").append(hashOf(base)).append('\n')
                .append("size ").append(target.size()).append('\n')
                .append("sha256 ").append(target.sha256()).append('\n');
        List<ChunkRef> chunks = target.chunks();
        int i = 0;
        while (i < chunks.size()) {
            Integer at = index.get(chunks.get(i).sha256() + ":" + chunks.get(i).length());
            if (at == null) {
                out.append("+ ").append(chunks.get(i).sha256()).append(' ').append(chunks.get(i).length()).append('\n');
                i++;
                continue;
            }
            int count = 1;
            while (i + count < chunks.size() && at + count < base.chunks().size()
                    && chunks.get(i + count).equals(base.chunks().get(at + count))) {
                count++;
            }
            out.append("= ").append(at).append(' ').append(count).append('\n');
            i += count;
        }
        return out.toString();
    }

    /**
     * The manifest the patch describes.
     *
     * @throws IllegalArgumentException when the patch is malformed, was made against another base,
     *     or describes an inconsistent manifest
     */
    public static FileManifest apply(FileManifest base, String patch) {
        String[] lines = patch.split("\n", -1);
        if (lines.length < 5 || !lines[0].equals(HEADER) || !lines[lines.length - 1].isEmpty()) {
            throw new IllegalArgumentException("not an " + HEADER + " text");
        }
        if (!lines[1].equals("base " + hashOf(base))) {
            throw new IllegalArgumentException("the patch was made against another base manifest");
        }
        long size = number(field(lines[2], "size "));
        String sha256 = field(lines[3], "sha256 ");
        List<ChunkRef> chunks = new ArrayList<>();
        for (int l = 4; l < lines.length - 1; l++) {
            String[] parts = lines[l].split(" ");
            if (parts.length != 3) {
                throw new IllegalArgumentException("line " + (l + 1) + " is not '= first count' or '+ sha256 length'");
            }
            switch (parts[0]) {
                case "=" -> {
                    long first = number(parts[1]);
                    long count = number(parts[2]);
                    if (count < 1 || first + count > base.chunks().size()) {
                        throw new IllegalArgumentException("line " + (l + 1) + " names chunks the base does not have");
                    }
                    chunks.addAll(base.chunks().subList((int) first, (int) (first + count)));
                }
                case "+" -> {
                    long length = number(parts[2]);
                    if (length > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("line " + (l + 1) + " has a chunk too long");
                    }
                    chunks.add(new ChunkRef(parts[1], (int) length));
                }
                default -> throw new IllegalArgumentException("line " + (l + 1) + " starts with neither '=' nor '+'");
            }
        }
        return new FileManifest(size, sha256, chunks);
    }

    private static String field(String line, String prefix) {
        if (!line.startsWith(prefix)) {
            throw new IllegalArgumentException("expected a line starting with '" + prefix.strip() + "'");
        }
        return line.substring(prefix.length());
    }

    private static long number(String text) {
        if (!text.matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("'" + (text.length() > 20 ? text.substring(0, 20) : text)
                    + "' is not a number");
        }
        return Long.parseLong(text);
    }
}
