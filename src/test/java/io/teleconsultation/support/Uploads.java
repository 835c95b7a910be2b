package io.teleconsultation.support;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** Files for upload tests: real small images made with ImageIO, and a look at what the service left on disk. */
public final class Uploads {

  private Uploads() {}

  /**
   * A real 1280x1280 image in {@code format} ("jpg" or "png"), written to {@code directory/name}: the smallest
   * Kaleyra accepts as a background (docs/kaleyra.md).
   */
  public static Path image(Path directory, String name, String format) {
    return image(directory, name, format, 1280, 1280);
  }

  /** A real image of {@code width}x{@code height} pixels in {@code format} ("jpg" or "png"). */
  public static Path image(Path directory, String name, String format, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++) {
        image.setRGB(x, y, new Color(40 + x * 200 / width, 80 + y * 170 / height, 160).getRGB());
      }
    }
    Path file = directory.resolve(name);
    try {
      if (!ImageIO.write(image, format, file.toFile())) {
        throw new IllegalStateException("ImageIO cannot write " + format);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path file(Path directory, String name, byte[] content) {
    try {
      return Files.write(directory.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The files still in {@code directory} once the service is done with them. The service deletes an upload right
   * after its response is sent, asynchronously: give it up to three seconds to do so.
   */
  public static List<String> filesLeftIn(Path directory) {
    long deadline = System.currentTimeMillis() + 3000;
    List<String> files = list(directory);
    while (!files.isEmpty() && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      files = list(directory);
    }
    return files;
  }

  /** The files in {@code directory} right now. */
  public static List<String> filesLeftInNow(Path directory) {
    return list(directory);
  }

  private static List<String> list(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(path -> path.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
