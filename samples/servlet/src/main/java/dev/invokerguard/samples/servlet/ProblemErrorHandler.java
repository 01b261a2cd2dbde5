package dev.invokerguard.samples.servlet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a request target its URI compliance refuses, a malformed request, a header
 * too large) as {@code application/problem+json} (RFC 9457, type {@code about:blank}), the format the
 * invoker check answers in, so that clients see one format whichever layer refused the request.
 */
final class ProblemErrorHandler extends ErrorHandler {
  static final String PROBLEM_JSON = "application/problem+json";

  @Override
  protected void generateResponse(Request request, Response response, int code, String message,
      Throwable cause, Callback callback) {
    byte[] body = problem(code, message);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  /** Requests Jetty cannot parse far enough to hand to a handler. */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, PROBLEM_JSON));
    return ByteBuffer.wrap(problem(status, reason));
  }

  static byte[] problem(int status, String detail) {
    String title = HttpStatus.getMessage(status);
    StringBuilder json = new StringBuilder("{\"type\":\"about:blank\",\"title\":")
        .append(PrincipalServlet.json(title == null ? "Error" : title)).append(",\"status\":").append(status);
    if (detail != null && !detail.isBlank() && !detail.equals(title)) {
      json.append(",\"detail\":").append(PrincipalServlet.json(detail));
    }
    return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }
}
