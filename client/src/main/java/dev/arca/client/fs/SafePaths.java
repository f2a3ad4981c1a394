package dev.arca.client.fs;

import dev.arca.protocol.path.RelativePaths;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Places under one root folder, for the commands that write there what another device or the
 * server described: restore and sync. Nothing they write lands outside the root, whatever the
 * description says and whatever the folder holds:
 * <ul>
 *   <li>a path must keep the {@link RelativePaths path rules}, and each of its names must stay one
 *       name on this system;</li>
 *   <li>folders are made name by name, and a name that is there already as a symbolic link or as
 *       anything but a folder is refused, never followed; the folder made must then still lie, by
 *       its real path, under the root's real path;</li>
 *   <li>a file is written under a new name ({@link #createNew}, which refuses an existing file or
 *       link) and renamed over its place ({@link #replace}), which replaces a file or link there
 *       instead of writing through it.</li>
 * </ul>
 * The root itself is the user's choice and may be reached through a link.
 */
public final class SafePaths {

    /** A path that cannot be written under the root without leaving it; the message says why. */
    public static final class UnsafePathException extends IOException {
        public UnsafePathException(String message) {
            super(message);
        }
    }

    private final Path root;

    private final Path realRoot;

    private SafePaths(Path root, Path realRoot) {
        this.root = root;
        this.realRoot = realRoot;
    }

    /** The places under {@code root}, which is made when missing. */
    public static SafePaths under(Path root) throws IOException {
        Path absolute = root.toAbsolutePath().normalize();
        Files.createDirectories(absolute);
        return new SafePaths(absolute, absolute.toRealPath());
    }

    public Path root() {
        return root;
    }

    /** Where {@code path} is under the root, without looking at the disk; refused when it breaks the rules. */
    public Path resolve(String path) throws UnsafePathException {
        String problem = RelativePaths.problem(path).orElse(null);
        if (problem != null) {
            throw new UnsafePathException(problem);
        }
        Path place = root;
        if (path.equals(RelativePaths.ROOT)) {
            return place;
        }
        for (String name : path.split("/")) {
            Path next = place.resolve(name);
            // A name this system reads as more than one (a drive, a separator of its own) is refused.
            if (!place.equals(next.getParent()) || !name.equals(next.getFileName().toString())) {
                throw new UnsafePathException("The path " + RelativePaths.quote(path)
                        + " has a name that is not a plain name on this system.");
            }
            place = next;
        }
        return place;
    }

    /**
     * Makes the folder at {@code path} and each folder above it that is missing, name by name;
     * returns its place. A name that exists as a symbolic link, or as anything but a folder, is
     * refused.
     */
    public Path directory(String path) throws IOException {
        Path dir = resolve(path);
        Path made = root;
        for (Path name : root.relativize(dir)) {
            if (name.toString().isEmpty()) {
                break;
            }
            made = made.resolve(name);
            try {
                Files.createDirectory(made);
            } catch (FileAlreadyExistsException e) {
                BasicFileAttributes attrs = Files.readAttributes(made, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (attrs.isSymbolicLink()) {
                    throw new UnsafePathException(RelativePaths.quote(relative(made))
                            + " is a symbolic link; nothing is written through it.");
                }
                if (!attrs.isDirectory()) {
                    throw new UnsafePathException(RelativePaths.quote(relative(made)) + " is not a folder.");
                }
            }
        }
        if (!dir.toRealPath().startsWith(realRoot)) {
            throw new UnsafePathException(RelativePaths.quote(path) + " lies outside " + root + ".");
        }
        return dir;
    }

    /**
     * The place of the file or link at {@code path}, once the folders above it are made as by
     * {@link #directory}; the place itself is not touched.
     */
    public Path parentMade(String path) throws IOException {
        Path place = resolve(path);
        if (place.equals(root)) {
            throw new UnsafePathException("The folder itself is not a file or a link.");
        }
        int slash = path.lastIndexOf('/');
        directory(slash < 0 ? RelativePaths.ROOT : path.substring(0, slash));
        return place;
    }

    /** Opens a new file for writing; an existing file or link at {@code file} is refused, not followed. */
    public static FileChannel createNew(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Puts {@code temp} in the place of {@code target}, in the same folder, by renaming it: a file
     * or link at {@code target} is replaced at once, never written through.
     */
    public static void replace(Path temp, Path target) throws IOException {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private String relative(Path place) {
        StringBuilder path = new StringBuilder();
        for (Path name : root.relativize(place)) {
            if (!path.isEmpty()) {
                path.append('/');
            }
            path.append(name);
        }
        return path.toString();
    }
}
