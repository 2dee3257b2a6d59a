package org.lucarne.signaling.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The route tree of the browser apps:
 * <pre>
 *   /            → redirect to /staff
 *   /staff       → staff console
 *   /kiosk       → bedside tablet
 *   /v/{invite}  → family page (the fragment with the link secret never reaches us)
 *   /enrol/pair  → a tablet's pairing screen (its code and QR code, from the fragment)
 *   /static/...  → the apps' modules, styles and message files
 *   anything else → plain 404
 * </pre>
 */
public final class WebAppServlet extends HttpServlet {
    private static final Pattern INVITE_PATH = Pattern.compile("/v/[A-Za-z0-9_-]{1,128}");
    private static final String STATIC = "/static/";
    /** The tablet's pairing screen: mapped to this servlet ahead of the enrolment servlet's {@code /enrol/*}. */
    public static final String PAIRING_PAGE = "/enrol/pair";
    private static final Map<String, String> PAGES = Map.of(
            "/staff", "staff/index.html",
            "/kiosk", "kiosk/index.html",
            PAIRING_PAGE, "enrol/pair.html");

    private final transient StaticFiles files;

    public WebAppServlet(StaticFiles files) {
        this.files = files;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        if (path.equals("/")) {
            resp.sendRedirect("/staff");
            return;
        }
        Optional<StaticFiles.File> file;
        boolean page;
        if (path.startsWith(STATIC)) {
            file = files.get(path.substring(STATIC.length()));
            page = false;
        } else if (INVITE_PATH.matcher(path).matches()) {
            file = files.get("family/index.html");
            page = true;
        } else {
            file = Optional.ofNullable(PAGES.get(path)).flatMap(files::get);
            page = true;
        }
        if (file.isEmpty()) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        serve(req, resp, file.get(), page);
    }

    private static void serve(HttpServletRequest req, HttpServletResponse resp, StaticFiles.File f, boolean page)
            throws IOException {
        // Pages are never stored; modules are revalidated so an upgrade is picked up at once.
        resp.setHeader("Cache-Control", page ? "no-store" : "no-cache");
        if (!page) {
            resp.setHeader("ETag", f.etag());
            if (f.etag().equals(req.getHeader("If-None-Match"))) {
                resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                return;
            }
        }
        resp.setContentType(f.contentType());
        resp.setContentLength(f.bytes().length);
        if (!"HEAD".equals(req.getMethod())) {
            resp.getOutputStream().write(f.bytes());
        }
    }
}
