package dev.loadbearing.service.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.MultipartParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code multipart/form-data} body as it arrives and keeps one file part, bounded: every other part is
 * checked and dropped, so memory is the kept part and nothing else. Undertow's form parser is not used: its
 * header parsing fails with runtime exceptions on {@code boundary=}, {@code filename*=x} or an unknown charset,
 * and it keeps every part. Every malformed form is a 400 {@code malformed_multipart}, too many parts a 413.
 */
public final class MultipartForm {
  /** Parts a form may have; a logo form needs one. */
  public static final int MAX_PARTS = 10;
  private static final int MAX_BOUNDARY = 70;
  private static final String MULTIPART = "multipart/form-data";
  /** RFC 2046 boundary characters; a space is allowed inside, not at the end. */
  private static final Pattern BOUNDARY = Pattern.compile("[0-9A-Za-z'()+_,\\-./:=? ]*[0-9A-Za-z'()+_,\\-./:=?]");
  /** RFC 5987 extended value: charset'language'percent-encoded. */
  private static final Pattern EXTENDED = Pattern.compile("([0-9A-Za-z!#$&+^_`{}~.\\-]+)'([0-9A-Za-z\\-]*)'(.*)");

  private MultipartForm() {
  }

  /** The kept part: its declared content type (lower case, no parameters; "none" when absent) and bytes. */
  public record FilePart(String contentType, byte[] bytes) {
  }

  /**
   * The first part named {@code name} that carries a file name, or null when the form has none. More than
   * {@code maxBytes} in that part throws {@code tooLarge} as soon as the byte after the limit arrives. The
   * exchange must be in blocking mode.
   */
  public static FilePart readFile(HttpServerExchange exchange, String name, int maxBytes,
                                  Supplier<ApiException> tooLarge) {
    String boundary = boundary(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE), name);
    Parts parts = new Parts(name, maxBytes, tooLarge);
    // Part headers are read as ISO-8859-1: one byte one char, so no charset can fail while parsing.
    MultipartParser.ParseState state = MultipartParser.beginParse(exchange.getConnection().getByteBufferPool(),
        parts, boundary.getBytes(StandardCharsets.US_ASCII), StandardCharsets.ISO_8859_1.name());
    byte[] chunk = new byte[16 * 1024];
    try (InputStream body = exchange.getInputStream()) {
      while (!state.isComplete()) {
        int read = body.read(chunk);
        if (read < 0) {
          throw malformed("The multipart body ends before its closing boundary --" + boundary + "--");
        }
        parse(state, ByteBuffer.wrap(chunk, 0, read));
      }
    } catch (IOException unreadable) {
      throw ErrorMapping.unreadableBody(unreadable);
    }
    return parts.kept;
  }

  private static void parse(MultipartParser.ParseState state, ByteBuffer bytes) {
    try {
      state.parse(bytes);
    } catch (ApiException refused) {
      throw refused;
    } catch (IOException | RuntimeException garbled) {
      // Undertow's parser reports a part it cannot read (a header line without ':', a bad encoding) this way.
      throw malformed("The multipart body could not be parsed: " + garbled);
    }
  }

  /** The boundary of a multipart/form-data Content-Type; 400 when the type is another or the boundary is bad. */
  static String boundary(String contentType, String partName) {
    List<String> pieces = contentType == null ? List.of("") : split(contentType);
    if (!MULTIPART.equals(pieces.get(0).strip().toLowerCase(Locale.ROOT))) {
      throw new ApiException(400, "not_multipart", "Send the body as multipart/form-data with a file part named '"
          + partName + "'");
    }
    String boundary = parameters(pieces).get("boundary");
    if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY
        || !BOUNDARY.matcher(boundary).matches()) {
      throw malformed("The Content-Type needs a boundary of 1 to " + MAX_BOUNDARY
          + " letters, digits or '()+_,-./:=? (RFC 2046), not " + (boundary == null ? "none" : "'" + boundary + "'"));
    }
    return boundary;
  }

  /** Splits a header at the semicolons outside quoted strings. */
  private static List<String> split(String header) {
    List<String> pieces = new ArrayList<>();
    StringBuilder piece = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\\' && quoted && i + 1 < header.length()) {
        piece.append(c);
        c = header.charAt(++i);
      } else if (c == ';' && !quoted) {
        pieces.add(piece.toString());
        piece.setLength(0);
        continue;
      }
      piece.append(c);
    }
    pieces.add(piece.toString());
    return pieces;
  }

  /** The {@code key=value} parameters after the first piece, keys in lower case, quotes and escapes removed. */
  private static Map<String, String> parameters(List<String> pieces) {
    Map<String, String> parameters = new HashMap<>();
    for (String piece : pieces.subList(1, pieces.size())) {
      int equals = piece.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String value = piece.substring(equals + 1).strip();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
      }
      parameters.putIfAbsent(piece.substring(0, equals).strip().toLowerCase(Locale.ROOT), value);
    }
    return parameters;
  }

  private static ApiException malformed(String message) {
    return new ApiException(400, "malformed_multipart", message);
  }

  private static boolean supported(String charset) {
    try {
      return Charset.isSupported(charset);
    } catch (IllegalCharsetNameException illegal) {
      return false;
    }
  }

  /** Undertow calls these as the body is parsed; a refusal thrown here stops the parse. */
  private static final class Parts implements MultipartParser.PartHandler {
    private final String name;
    private final int maxBytes;
    private final Supplier<ApiException> tooLarge;
    private int count;
    private ByteArrayOutputStream keeping;
    private String keepingType;
    private FilePart kept;

    Parts(String name, int maxBytes, Supplier<ApiException> tooLarge) {
      this.name = name;
      this.maxBytes = maxBytes;
      this.tooLarge = tooLarge;
    }

    @Override
    public void beginPart(HeaderMap headers) {
      if (++count > MAX_PARTS) {
        throw new ApiException(413, "too_many_parts", "A form may have at most " + MAX_PARTS + " parts");
      }
      String disposition = headers.getFirst(Headers.CONTENT_DISPOSITION);
      List<String> pieces = disposition == null ? List.of("") : split(disposition);
      if (!"form-data".equals(pieces.get(0).strip().toLowerCase(Locale.ROOT))) {
        throw malformed("Part " + count + " needs 'Content-Disposition: form-data; name=\"...\"'");
      }
      Map<String, String> parameters = parameters(pieces);
      String extendedName = parameters.get("filename*");
      if (extendedName != null) {
        checkExtended(extendedName);
      }
      List<String> type = split(String.valueOf(headers.getFirst(Headers.CONTENT_TYPE)));
      String charset = parameters(type).get("charset");
      if (charset != null && !supported(charset)) {
        throw malformed("Part " + count + " declares the unknown charset '" + charset + "'");
      }
      boolean file = parameters.containsKey("filename") || extendedName != null;
      if (kept == null && keeping == null && file && name.equals(parameters.get("name"))) {
        keeping = new ByteArrayOutputStream();
        keepingType = headers.getFirst(Headers.CONTENT_TYPE) == null ? "none"
            : type.get(0).strip().toLowerCase(Locale.ROOT);
      }
    }

    private void checkExtended(String value) {
      Matcher parts = EXTENDED.matcher(value);
      boolean valid = parts.matches() && supported(parts.group(1));
      if (valid) {
        try {
          URLDecoder.decode(parts.group(3).replace("+", "%2B"), Charset.forName(parts.group(1)));
        } catch (IllegalArgumentException badEscape) {
          valid = false;
        }
      }
      if (!valid) {
        throw malformed("Part " + count + " has filename*='" + value
            + "' but it must be charset'language'percent-encoded name (RFC 5987), e.g. UTF-8''logo.png");
      }
    }

    @Override
    public void data(ByteBuffer buffer) {
      if (keeping != null) {
        int length = buffer.remaining();
        if (keeping.size() + length > maxBytes) {
          throw tooLarge.get();
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        keeping.write(bytes, 0, length);
      }
      buffer.position(buffer.limit());
    }

    @Override
    public void endPart() {
      if (keeping != null) {
        kept = new FilePart(keepingType, keeping.toByteArray());
        keeping = null;
      }
    }
  }
}
