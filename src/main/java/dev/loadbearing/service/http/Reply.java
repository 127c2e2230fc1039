package dev.loadbearing.service.http;

/** What a handler answers: a status and a body that is written as JSON (or as text when it is a String). */
public record Reply(int status, Object body, String contentType) {

  public static Reply ok(Object body) {
    return new Reply(200, body, Json.CONTENT_TYPE);
  }

  public static Reply created(Object body) {
    return new Reply(201, body, Json.CONTENT_TYPE);
  }

  public static Reply text(int status, String body, String contentType) {
    return new Reply(status, body, contentType);
  }
}
