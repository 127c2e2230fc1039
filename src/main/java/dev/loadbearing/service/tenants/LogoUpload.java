package dev.loadbearing.service.tenants;

import dev.loadbearing.service.http.ApiException;
import dev.loadbearing.service.http.Reply;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.server.handlers.form.FormData;
import io.undertow.server.handlers.form.FormDataParser;
import io.undertow.server.handlers.form.FormParserFactory;
import io.undertow.server.handlers.form.MultiPartParserDefinition;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;

/** {@code curl -H 'X-Api-Key: lb-free-1' -F logo=@logo.png …/api/tenant/logo} → 201 {"bytes","contentType"}. */
public final class LogoUpload {
  static final int MAX_BYTES = 1024 * 1024;
  private static final Set<String> TYPES = Set.of("image/png", "image/jpeg", "image/svg+xml");

  private final TenantDirectory directory;
  private final FormParserFactory parsers;

  public LogoUpload(TenantDirectory directory) {
    this.directory = directory;
    MultiPartParserDefinition multipart = new MultiPartParserDefinition();
    // Parts up to the limit stay in memory; anything larger is refused below, so temp files are rare.
    multipart.setFileSizeThreshold(MAX_BYTES + 1L);
    this.parsers = FormParserFactory.builder(false).addParsers(multipart).build();
  }

  record Uploaded(int bytes, String contentType) {
  }

  public Reply upload(HttpServerExchange exchange, Tenant tenant) throws Exception {
    try (FormDataParser parser = parsers.createParser(exchange)) {
      if (parser == null) {
        throw new ApiException(400, "not_multipart", "Send the logo as multipart/form-data with a part named 'logo'");
      }
      FormData.FormValue logo = parse(parser).getFirst("logo");
      if (logo == null || !logo.isFileItem()) {
        throw ApiException.badRequest("logo", "The form has no file part named 'logo'");
      }
      String type = contentType(logo);
      if (!TYPES.contains(type)) {
        throw new ApiException(415, "unsupported_media_type", "The logo is '" + type
            + "' but must be image/png, image/jpeg or image/svg+xml", "logo", Map.of());
      }
      byte[] bytes = read(logo.getFileItem());
      if (bytes.length == 0) {
        throw ApiException.badRequest("logo", "The logo part is empty");
      }
      directory.saveLogo(tenant, bytes, type);
      return Reply.created(new Uploaded(bytes.length, type));
    }
  }

  private static FormData parse(FormDataParser parser) throws IOException {
    try {
      return parser.parseBlocking();
    } catch (RequestTooBigException tooBig) {
      throw tooBig;
    } catch (IOException broken) {
      // Undertow reports a truncated or garbled form as an IOException; it is the client's body at fault.
      throw new ApiException(400, "malformed_multipart", "The multipart body could not be parsed: "
          + broken.getMessage());
    }
  }

  private static String contentType(FormData.FormValue part) {
    String header = part.getHeaders() == null ? null : part.getHeaders().getFirst(Headers.CONTENT_TYPE);
    if (header == null) {
      return "none";
    }
    int parameters = header.indexOf(';');
    return (parameters < 0 ? header : header.substring(0, parameters)).strip().toLowerCase(java.util.Locale.ROOT);
  }

  private static byte[] read(FormData.FileItem file) throws IOException {
    if (file.getFileSize() > MAX_BYTES) {
      throw tooLarge();
    }
    try (InputStream in = file.getInputStream()) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw tooLarge();
      }
      return bytes;
    }
  }

  private static ApiException tooLarge() {
    return new ApiException(413, "logo_too_large", "The logo must be at most 1 MiB", "logo", Map.of());
  }
}
