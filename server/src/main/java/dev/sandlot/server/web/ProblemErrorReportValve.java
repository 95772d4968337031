package dev.sandlot.server.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own refusals (a path that is not valid UTF-8, a malformed request line) never
 * reach Spring; this valve answers them as problem details instead of Tomcat's HTML page,
 * and without a stack trace.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported())
            return;
        HttpStatus status = HttpStatus.resolve(code);
        String title = status == null ? "Error" : status.getReasonPhrase();
        String detail = code == 400
                ? "The request could not be read: its path or headers are not valid (for example, not UTF-8)."
                : title + ".";
        String kind = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-");
        String body = "{\"type\":\"urn:sandlot:problem:" + kind + "\",\"title\":\"" + title + "\",\"status\":" + code
                + ",\"detail\":\"" + detail + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException e) {
            // the client went away
        }
    }

}
