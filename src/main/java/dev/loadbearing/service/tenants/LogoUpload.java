package dev.loadbearing.service.tenants;

import dev.loadbearing.service.http.ApiException;
import dev.loadbearing.service.http.MultipartForm;
import dev.loadbearing.service.http.Reply;
import io.undertow.server.HttpServerExchange;
import java.util.Map;
import java.util.Set;

/** {@code curl -H 'X-Api-Key: lb-free-1' -F logo=@logo.png …/api/tenant/logo} → 201 {"bytes","contentType"}. */
public final class LogoUpload {
  static final int MAX_BYTES = 1024 * 1024;
  /** The largest upload body: the logo plus room for part headers, boundaries and a few small fields. */
  public static final long MAX_BODY_BYTES = MAX_BYTES + 64 * 1024;
  private static final Set<String> TYPES = Set.of("image/png", "image/jpeg", "image/svg+xml");

  private final TenantDirectory directory;

  public LogoUpload(TenantDirectory directory) {
    this.directory = directory;
  }

  record Uploaded(int bytes, String contentType) {
  }

  public Reply upload(HttpServerExchange exchange, Tenant tenant) throws Exception {
    MultipartForm.FilePart logo = MultipartForm.readFile(exchange, "logo", MAX_BYTES, LogoUpload::tooLarge);
    if (logo == null) {
      throw ApiException.badRequest("logo", "The form has no file part named 'logo'");
    }
    String type = logo.contentType();
    if (!TYPES.contains(type)) {
      throw new ApiException(415, "unsupported_media_type", "The logo is '" + type
          + "' but must be image/png, image/jpeg or image/svg+xml", "logo", Map.of());
    }
    if (logo.bytes().length == 0) {
      throw ApiException.badRequest("logo", "The logo part is empty");
    }
    directory.saveLogo(tenant, logo.bytes(), type);
    return Reply.created(new Uploaded(logo.bytes().length, type));
  }

  private static ApiException tooLarge() {
    return new ApiException(413, "logo_too_large", "The logo must be at most 1 MiB", "logo", Map.of());
  }
}
