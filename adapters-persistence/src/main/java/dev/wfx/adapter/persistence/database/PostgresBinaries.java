package dev.wfx.adapter.persistence.database;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The PostgreSQL programs of the embedded server, unpacked into a private directory of wfx's
 * rather than the library's default, a cache in the shared temporary directory where any local
 * user could plant programs of their own for wfx to run.
 */
final class PostgresBinaries implements PgBinaryResolver {

  private final Path directory;
  private volatile Path unpacked;

  private PostgresBinaries(Path directory) {
    this.directory = directory;
  }

  /**
   * The binaries kept in {@code directory}, which is made private or refused when it is not.
   *
   * @throws IllegalStateException when another user owns it or may write to it
   */
  static PostgresBinaries in(Path directory) throws IOException {
    return new PostgresBinaries(PrivateDirectory.prepare(directory, "PostgreSQL binaries"));
  }

  Path directory() {
    return directory;
  }

  /**
   * Where the library unpacks, one level down: it makes the directory it is given writable by
   * everyone, which is harmless only inside one that nobody else may enter.
   */
  Path unpackDirectory() {
    return directory.resolve("unpacked");
  }

  /**
   * Takes back what the library gave everyone on the unpack directory: harmless inside the private
   * directory, but it should not look otherwise to whoever audits the machine.
   */
  void closeUnpackDirectory() throws IOException {
    Files.setPosixFilePermissions(unpackDirectory(), PosixFilePermissions.fromString("rwx------"));
  }

  @Override
  public InputStream getPgBinary(String system, String machineHardware) throws IOException {
    byte[] archive;
    try (InputStream bundled =
        DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware)) {
      archive = bundled.readAllBytes();
    }
    // The library unpacks into PG-<MD5 of the archive>; wfx runs the server alone from there
    // before the library starts it.
    unpacked = unpackDirectory().resolve("PG-" + HexFormat.of().formatHex(md5(archive)));
    return new ByteArrayInputStream(archive);
  }

  /**
   * The command line of one of the programs, as the library runs them: as root in a user
   * namespace of its own, since PostgreSQL refuses to run as root.
   */
  List<String> command(String program, List<String> arguments) {
    if (unpacked == null) {
      throw new IllegalStateException("the PostgreSQL binaries are not unpacked yet");
    }
    List<String> command = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      command.addAll(List.of("unshare", "-U"));
    }
    command.add(unpacked.resolve("bin").resolve(program).toString());
    command.addAll(arguments);
    return command;
  }

  private static byte[] md5(byte[] archive) {
    try {
      return MessageDigest.getInstance("MD5").digest(archive);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no MD5, which every JVM must have", e);
    }
  }
}
