package dev.wfx.adapter.persistence.database;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * A directory that only the operating-system user wfx runs as can use: made with mode 0700, and
 * refused when it is a symbolic link, belongs to another user or lets others in, since whoever can
 * write to it, or to a directory within it, decides what wfx runs from it.
 */
final class PrivateDirectory {

  /**
   * Nothing for the group and others: what is inside need not be checked then (the library makes
   * the directory it unpacks into writable by everyone).
   */
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(OWNER_READ, OWNER_WRITE, OWNER_EXECUTE);

  private PrivateDirectory() {}

  /**
   * Makes {@code directory} with mode 0700 when it is missing, and checks it either way.
   *
   * @param purpose what it holds, for the message when it is refused
   * @throws IllegalStateException when it is not private to this user
   */
  static Path prepare(Path directory, String purpose) throws IOException {
    if (Files.notExists(directory, NOFOLLOW_LINKS)) {
      Files.createDirectories(directory.toAbsolutePath().getParent());
      try {
        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        // A default ACL on the parent may have added to the mode asked for.
        Files.setPosixFilePermissions(directory, OWNER_ONLY);
      } catch (FileAlreadyExistsException madeMeanwhile) {
        // By another process: checked below like any directory found.
      }
    }
    requirePrivate(directory, purpose);
    return directory;
  }

  /**
   * @throws IllegalStateException naming the directory and what is wrong with it
   */
  static void requirePrivate(Path directory, String purpose) throws IOException {
    PosixFileAttributes attributes =
        Files.readAttributes(directory, PosixFileAttributes.class, NOFOLLOW_LINKS);
    long owner = ((Number) Files.getAttribute(directory, "unix:uid", NOFOLLOW_LINKS)).longValue();
    long self = new UnixSystem().getUid();
    String problem;
    if (attributes.isSymbolicLink()) {
      problem = "it is a symbolic link";
    } else if (!attributes.isDirectory()) {
      problem = "it is not a directory";
    } else if (owner != self) {
      problem = "it belongs to uid " + owner + ", not to uid " + self + " that wfx runs as";
    } else if (!OWNER_ONLY.containsAll(attributes.permissions())) {
      problem =
          "others may use it (mode "
              + PosixFilePermissions.toString(attributes.permissions())
              + ")";
    } else {
      return;
    }
    throw new IllegalStateException(
        "refusing the "
            + purpose
            + " directory "
            + directory.toAbsolutePath()
            + ": "
            + problem
            + "; it must be a directory of the user wfx runs as, for this user alone (mode 700):"
            + " remove it to have wfx make it again, or fix it");
  }
}
