package io.teleconsultation.importer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
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

  private MongoExportFile() {}

  /** Reads the whole file at once: an export is a one-shot input of a command, not a stream. */
  static void read(Path file, Consumer<Entry> entries) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.stripLeading().startsWith("[")) {
      readArray(text, entries);
    } else {
      readLines(text, entries);
    }
  }

  private static void readLines(String text, Consumer<Entry> entries) {
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        entries.accept(parse(i + 1, lines[i]));
      }
    }
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

  private static void readArray(String text, Consumer<Entry> entries) throws IOException {
    try (JsonParser parser = JSON.createParser(text)) {
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
