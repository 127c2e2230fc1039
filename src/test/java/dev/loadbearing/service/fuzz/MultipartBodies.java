package dev.loadbearing.service.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Forms for {@code POST /api/tenant/logo}: a valid logo part, or parts with odd names, types, charsets and
 * encoded file names, too many parts, a wrong or empty boundary, or the form cut short.
 */
final class MultipartBodies {
  private MultipartBodies() {
  }

  /** The boundary the Content-Type header names; sometimes not the one the body uses. */
  static String boundary(Gen gen) {
    return gen.pick("b", "b", "----fuzz" + gen.alphanumeric(16), "", "\"\"", "\"quoted b\"", gen.printable(80));
  }

  static byte[] form(Gen gen, String declaredBoundary) {
    String boundary = gen.chance(0.85) ? declaredBoundary.replace("\"", "") : gen.alphanumeric(10);
    ByteArrayOutputStream form = new ByteArrayOutputStream();
    int parts = gen.pick(0, 1, 1, 1, 2, 3, 11, 40);
    for (int i = 0; i < parts; i++) {
      write(form, "--" + boundary + "\r\n" + disposition(gen) + contentType(gen) + "\r\n");
      byte[] content = gen.chance(0.7) ? "\u0089PNG fuzz".getBytes(StandardCharsets.ISO_8859_1) : gen.bytes(200);
      form.writeBytes(content);
      write(form, "\r\n");
    }
    if (gen.chance(0.9)) {
      write(form, "--" + boundary + "--\r\n");
    }
    byte[] bytes = form.toByteArray();
    return gen.chance(0.15) ? HostileJson.truncated(gen, bytes) : bytes;
  }

  private static String disposition(Gen gen) {
    String name = gen.pick("logo", "logo", "note", "", gen.unicode(6));
    String file = switch (gen.between(0, 5)) {
      case 0 -> "";
      case 1 -> "; filename*=" + gen.pick("x", "UTF-8''logo%20one.png", "bogus''x.png", "UTF-8''%ZZ");
      case 2 -> "; filename=\"" + gen.printable(20).replace("\"", "") + "\"";
      default -> "; filename=\"logo.png\"";
    };
    return gen.chance(0.95) ? "Content-Disposition: form-data; name=\"" + name + "\"" + file + "\r\n" : "";
  }

  private static String contentType(Gen gen) {
    return switch (gen.between(0, 6)) {
      case 0 -> "";
      case 1 -> "Content-Type: text/plain; charset=" + gen.pick("no-such-charset", "@@@", "utf-8", "") + "\r\n";
      case 2 -> "Content-Type: " + gen.printable(30) + "\r\n";
      default -> "Content-Type: " + gen.pick("image/png", "image/jpeg", "image/svg+xml") + "\r\n";
    };
  }

  private static void write(ByteArrayOutputStream form, String text) {
    form.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
