package dev.loadbearing.service.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The property ApiFuzzIT checks, on answers written by hand: it must be able to fail. */
class VerdictTest {
  private static final GeneratedRequest GET = request("GET", "/api/products?page=1");
  private static final String ERROR = "{\"error\":{\"code\":\"invalid_field\",\"message\":\"Bad\",\"field\":\"page\"}}";

  @Test
  void anErrorInTheJsonShapePasses() {
    assertThat(Verdict.judge(GET, answer(400, "application/json", ERROR))).isNull();
  }

  @Test
  void aServerErrorFailsUnlessItIsA503WithRetryAfter() {
    assertThat(Verdict.judge(GET, answer(500, "application/json", ERROR))).contains("500");
    assertThat(Verdict.judge(GET, answer(503, "application/json", ERROR))).contains("503");
    WireClient.Answer retry = parse("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Type: "
        + "application/json\r\nContent-Length: " + ERROR.length() + "\r\n\r\n" + ERROR);
    assertThat(Verdict.judge(GET, retry)).isNull();
  }

  @Test
  void noAnswerInTimeAndAConnectionClosedWithoutOneFail() {
    assertThat(Verdict.judge(GET, WireClient.Answer.parse(new byte[0], 5_000))).contains("closed without an answer");
    assertThat(Verdict.judge(GET, new WireClient.Answer(-1, java.util.Map.of(), new byte[0], 5_000)))
        .contains("hang");
  }

  @Test
  void aClientErrorThatIsNotTheErrorShapeFails() {
    assertThat(Verdict.judge(GET, answer(400, "", ""))).contains("Content-Type");
    assertThat(Verdict.judge(GET, answer(404, "application/json", "not json"))).contains("not JSON");
    assertThat(Verdict.judge(GET, answer(404, "application/json", "{\"message\":\"x\"}"))).contains("error");
    assertThat(Verdict.judge(GET, answer(404, "application/json", "{\"error\":{\"code\":\"x\"}}")))
        .contains("code, message");
    assertThat(Verdict.judge(GET, answer(404, "application/json",
        "{\"error\":{\"code\":\"x\",\"message\":\"y\",\"stack\":\"z\"}}"))).contains("code, message");
  }

  @Test
  void aHeadAnswerHasNoBodyToJudgeAndABadUriMayGetUndertowsBare400() {
    assertThat(Verdict.judge(request("HEAD", "/api/products"), answer(405, "", ""))).isNull();
    assertThat(Verdict.judge(request("GET", "/api/products?q=%zz"), answer(400, "", ""))).isNull();
    assertThat(Verdict.judge(request("GET", "/api/products?q=%"), answer(404, "", ""))).contains("not a URI");
  }

  @Test
  void anInterimContinueIsSkippedAndAChunkedBodyIsJoined() {
    WireClient.Answer answer = parse("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Type: "
        + "application/json\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"er\r\n" + Integer.toHexString(ERROR.length()
        - 4) + "\r\n" + ERROR.substring(4) + "\r\n0\r\n\r\n");
    assertThat(answer.status()).isEqualTo(404);
    assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(ERROR);
    assertThat(Verdict.judge(GET, answer)).isNull();
  }

  private static GeneratedRequest request(String method, String target) {
    return new GeneratedRequest("GET /api/products", method, target, List.of(), new byte[0], false);
  }

  private static WireClient.Answer answer(int status, String contentType, String body) {
    String type = contentType.isEmpty() ? "" : "Content-Type: " + contentType + "\r\n";
    return parse("HTTP/1.1 " + status + " X\r\n" + type + "Content-Length: " + body.length() + "\r\n\r\n" + body);
  }

  private static WireClient.Answer parse(String wire) {
    return WireClient.Answer.parse(wire.getBytes(StandardCharsets.ISO_8859_1), 1);
  }
}
