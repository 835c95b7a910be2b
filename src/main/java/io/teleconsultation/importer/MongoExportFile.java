package io.teleconsultation.importer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads a collection as {@code mongoexport} writes it: one JSON document per line (its default), or one JSON array
 * ({@code --jsonArray}). Each document is handed over with the line it starts on, already turned into plain JSON
 * ({@link ExtendedJson}); a line that is not a JSON object is handed over as an error naming the line and the reason,
 * and reading goes on with the next line. In an array, a syntax error stops the reading (nothing after it can be
 * trusted), reported at its line.
 */
final class MongoExportFile {

  /** One document of the file, or why the line holding it could not be read. */
  record Entry(int line, JsonObject document, String error) {

    static Entry of(int line, JsonObject document) {
      return new Entry(line, document, null);
    }

    static Entry bad(int line, String error) {
      return new Entry(line, null, error);
    }
  }

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  /**
   * The longest line read: a MongoDB document is at most 16 MB of BSON, a little more as extended JSON. A longer
   * line is refused and skipped, so a file without line breaks cannot fill the memory.
   */
  static final int MAX_LINE_BYTES = 32 * 1024 * 1024;

  private MongoExportFile() {}

  /**
   * Streams the file: one line (or one array element) in memory at a time, so an export of any size can be read.
   * Each line is decoded on its own, strictly: a line that is not valid UTF-8 is refused with its number and the
   * others are read.
   */
  static void read(Path file, Consumer<Entry> entries) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
      in.mark(BOM.length);
      byte[] start = in.readNBytes(BOM.length);
      if (!java.util.Arrays.equals(start, BOM)) {
        in.reset();
      }
      if (firstSignificantByte(in) == '[') {
        readArray(in, entries);
      } else {
        readLines(in, entries);
      }
    }
  }

  /** Peeks past leading white space without consuming anything. */
  private static int firstSignificantByte(InputStream in) throws IOException {
    in.mark(MAX_LINE_BYTES);
    try {
      for (int b = in.read(), seen = 1; b != -1 && seen < MAX_LINE_BYTES; b = in.read(), seen++) {
        if (!Character.isWhitespace(b)) {
          return b;
        }
      }
      return -1;
    } finally {
      in.reset();
    }
  }

  private static void readLines(InputStream in, Consumer<Entry> entries) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int number = 1;
    boolean tooLong = false;
    for (int b = in.read(); ; b = in.read()) {
      if (b == -1 || b == '\n') {
        if (tooLong) {
          entries.accept(Entry.bad(number, "longer than " + MAX_LINE_BYTES + " bytes"));
        } else if (line.size() > 0) {
          lineEntry(number, line.toByteArray()).ifPresent(entries);
        }
        if (b == -1) {
          return;
        }
        line.reset();
        tooLong = false;
        number++;
      } else if (line.size() < MAX_LINE_BYTES) {
        line.write(b);
      } else {
        tooLong = true;
      }
    }
  }

  private static java.util.Optional<Entry> lineEntry(int number, byte[] bytes) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return java.util.Optional.of(Entry.bad(number, "not valid UTF-8"));
    }
    return text.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(parse(number, text.strip()));
  }

  private static Entry parse(int number, String line) {
    try {
      return Entry.of(number, ExtendedJson.plain(new JsonObject(line)));
    } catch (DecodeException | ClassCastException e) {
      return Entry.bad(number, "not a JSON object: " + firstLine(e.getMessage()));
    } catch (NumberFormatException e) {
      return Entry.bad(number, "a typed number ($numberLong, …) is not a number: " + e.getMessage());
    }
  }

  private static void readArray(InputStream in, Consumer<Entry> entries) throws IOException {
    // Jackson decodes the bytes as it streams them and reports invalid UTF-8 as a syntax error at its line.
    try (JsonParser parser = JSON.createParser(in)) {
      parser.nextToken(); // [
      for (JsonToken token = parser.nextToken(); token != null && token != JsonToken.END_ARRAY; token = parser.nextToken()) {
        int line = parser.currentTokenLocation().getLineNr();
        if (token != JsonToken.START_OBJECT) {
          parser.skipChildren();
          entries.accept(Entry.bad(line, "not a JSON object"));
          continue;
        }
        StringWriter copied = new StringWriter();
        try (JsonGenerator copy = JSON.createGenerator(copied)) {
          copy.copyCurrentStructure(parser);
        }
        entries.accept(parse(line, copied.toString()));
      }
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      entries.accept(Entry.bad(line, "invalid JSON, the rest of the file is not read: " + firstLine(e.getOriginalMessage())));
    }
  }

  /** The parser's reason, without its location (the line number is reported on its own) or a second line. */
  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int end = message.indexOf('\n');
    String first = end < 0 ? message : message.substring(0, end);
    return first.replaceAll("\\s*\\(start marker at \\[Source.*$", "").replaceAll("\\s*at \\[Source.*$", "");
  }
}
