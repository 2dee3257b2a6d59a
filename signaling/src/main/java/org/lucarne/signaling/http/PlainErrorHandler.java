package org.lucarne.signaling.http;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Every error is one short plain-text line, {@code 404 Not Found}: no stack trace, no server
 * name, no echo of the request. This one serves the server (errors outside the servlet context,
 * including requests the HTTP parser refuses); {@link ServletErrors} serves the servlet context.
 */
public final class PlainErrorHandler extends ErrorHandler {
    public PlainErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
        setShowOrigin(false);
    }

    static ByteBuffer line(int status) {
        return BufferUtil.toBuffer(status + " " + HttpStatus.getMessage(status) + "\n", StandardCharsets.UTF_8);
    }

    static boolean writePlain(Response response, Callback callback, int status) {
        SecurityHeadersHandler.addTo(response.getHeaders());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        response.write(true, line(status), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        SecurityHeadersHandler.addTo(fields);
        fields.put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        return line(status);
    }

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                 String contentType, List<Charset> charsets, int code,
                                                 String message, Throwable cause) {
        return writePlain(response, callback, code);
    }

    /** The same plain line for errors inside the servlet context (sendError, exceptions). */
    public static final class ServletErrors extends org.eclipse.jetty.ee11.servlet.ErrorHandler {
        public ServletErrors() {
            setShowStacks(false);
            setShowCauses(false);
            setShowMessageInTitle(false);
            setShowOrigin(false);
        }

        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                     String contentType, List<Charset> charsets, int code,
                                                     String message, Throwable cause) {
            return writePlain(response, callback, code);
        }
    }
}
